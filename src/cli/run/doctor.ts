import { doctor, type DoctorCheck } from '../../commands/doctor.js';
import { worded } from '../../errors.js';
import type { CliContext } from '../context.js';
import { flagOf } from '../errors.js';
import { palette } from '../terminal.js';
import { terminalText } from '../safe-text.js';

const LABEL: Record<DoctorCheck['status'], string> = { ok: 'ok', missing: 'missing', broken: 'error', optional: 'warning' };

export async function run(ctx: CliContext): Promise<number> {
  const result = await doctor({ cwd: ctx.cwd, env: ctx.env, ...(ctx.dir !== undefined ? { dir: ctx.dir } : {}) });
  const c = palette(ctx.color);
  const colour = { ok: c.green, missing: c.red, broken: c.red, optional: c.yellow };
  const lines = [`track ${result.version}`];
  for (const check of result.checks) {
    const label = colour[check.status](LABEL[check.status].padEnd(8));
    lines.push(`${label} ${check.detail}${check.hint ? `: ${worded(check.hint, flagOf)}` : ''}`);
  }
  const missing = result.checks.filter((check) => check.status === 'missing').length;
  const broken = result.checks.filter((check) => check.status === 'broken').length;
  if (missing > 0) lines.push(`${missing === 1 ? 'One thing' : `${missing} things`} track needs ${missing === 1 ? 'is' : 'are'} missing: see above.`);
  if (broken > 0) lines.push(`${broken === 1 ? 'One thing' : `${broken} things`} track needs ${broken === 1 ? 'is' : 'are'} there but cannot be used: see above.`);
  if (missing + broken === 0) lines.push('Everything track needs is here.');
  ctx.stdout.write(terminalText(`${lines.join('\n')}\n`, ctx.color));
  return result.ok ? 0 : 1;
}
