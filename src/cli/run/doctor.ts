import { doctor, type DoctorCheck } from '../../commands/doctor.js';
import { worded } from '../../errors.js';
import type { CliContext } from '../context.js';
import { flagOf } from '../errors.js';
import { palette } from '../terminal.js';
import { terminalText } from '../safe-text.js';

const LABEL: Record<DoctorCheck['status'], string> = { ok: 'ok', missing: 'missing', optional: 'warning' };

export async function run(ctx: CliContext): Promise<number> {
  const result = await doctor({ cwd: ctx.cwd, env: ctx.env, ...(ctx.dir !== undefined ? { dir: ctx.dir } : {}) });
  const c = palette(ctx.color);
  const colour = { ok: c.green, missing: c.red, optional: c.yellow };
  const lines = [`track ${result.version}`];
  for (const check of result.checks) {
    const label = colour[check.status](LABEL[check.status].padEnd(8));
    lines.push(`${label} ${check.detail}${check.hint ? `: ${worded(check.hint, flagOf)}` : ''}`);
  }
  const missing = result.checks.filter((check) => check.status === 'missing').length;
  lines.push(missing === 0 ? 'Everything track needs is here.' : `${missing === 1 ? 'One thing' : `${missing} things`} track needs ${missing === 1 ? 'is' : 'are'} missing: see above.`);
  ctx.stdout.write(terminalText(`${lines.join('\n')}\n`, ctx.color));
  return result.ok ? 0 : 1;
}
