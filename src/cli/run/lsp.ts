import { localToday } from '../../records/dates.js';
import type { CliContext } from '../context.js';

/** Runs until the client closes the connection; the server is loaded only here. */
export async function run(ctx: CliContext): Promise<number> {
  const { startServer } = await import('../../lsp/server.js');
  // --today or TRACK_TODAY fixes the date; else it is the real date at each check, for a server left running overnight.
  const fixed = ctx.today !== localToday() ? ctx.today : undefined;
  startServer({ input: process.stdin, output: process.stdout, today: () => fixed ?? localToday() });
  await new Promise<void>((resolve) => process.stdin.on('end', resolve));
  return 0;
}
