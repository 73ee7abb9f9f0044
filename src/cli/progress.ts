// Long work (a PDF, an import) says what it is doing, on a terminal only.

import type { CliStream } from './context.js';

export interface Progress {
  step(what: string): void;
  done(): void;
}

/** A one-line progress indicator on stderr when it is a terminal; silent otherwise. */
export function progressLine(stream: CliStream): Progress {
  if (!stream.isTTY) return { step: () => undefined, done: () => undefined };
  let shown = false;
  return {
    step: (what) => {
      stream.write(`\r\x1b[2K… ${what}`);
      shown = true;
    },
    done: () => {
      if (shown) stream.write('\r\x1b[2K');
    },
  };
}
