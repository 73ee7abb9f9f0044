// Ctrl-C and SIGTERM while files are being written: what is staged or
// committed is put back, locks are released, then the CLI says so and exits
// 130 / 143. Outside a write the signals keep their usual, immediate effect.

type Cleanup = () => void;
export type InterruptReporter = (signal: 'SIGINT' | 'SIGTERM') => void;

const cleanups = new Set<Cleanup>();
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
let reporter: InterruptReporter | undefined;

/** The CLI's way to word an interrupted write and exit; without one the signal's usual effect follows. */
export function setInterruptReporter(report: InterruptReporter | undefined): void {
  reporter = report;
}

function handle(signal: 'SIGINT' | 'SIGTERM'): void {
  const pending = [...cleanups].reverse();
  cleanups.clear();
  uninstall();
  for (const cleanup of pending) {
    try {
      cleanup();
    } catch {
      // Put back as much as can be; one failure must not keep the rest in place.
    }
  }
  if (reporter) reporter(signal);
  else process.kill(process.pid, signal);
}

const listeners = { SIGINT: () => handle('SIGINT'), SIGTERM: () => handle('SIGTERM') };

function install(): void {
  for (const s of SIGNALS) process.on(s, listeners[s]);
}

function uninstall(): void {
  for (const s of SIGNALS) process.off(s, listeners[s]);
}

/** Run `cleanup` if the process is interrupted before the returned function is called. */
export function onInterrupt(cleanup: Cleanup): () => void {
  cleanups.add(cleanup);
  if (cleanups.size === 1) install();
  return () => {
    if (!cleanups.delete(cleanup)) return;
    if (cleanups.size === 0) uninstall();
  };
}

/** Let a pending signal be handled (between files of a long write). */
export function yieldToSignals(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
