// Links and odd files in a workspace (issue 14, items 5 and 7): nothing
// outside the workspace is read through a record or a template, a FIFO is
// never opened, and an update never replaces a link.

import { spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { report } from '../../src/commands/report.js';
import { update } from '../../src/commands/update.js';
import { validate } from '../../src/commands/validate.js';
import { SOURCE, item, workspace } from '../helpers.js';

const today = '2024-01-01';
const hasMkfifo = spawnSync('sh', ['-c', 'command -v mkfifo']).status === 0;
const R = (n: number) => item(`title: Item ${n}\nnumber: ${n}\nowners: [leeds-pct]\nstage: 4`);

describe.skipIf(!hasMkfifo)('record files that are links or not files', () => {
  const outside = workspace({ 'secret.md': R(2), 'folder/source.md': SOURCE, 'folder/r1.md': R(1) }, false);
  const root = workspace({ 'records/cd/source.md': SOURCE, 'records/cd/r1.md': R(1), 'shared/r4.md': R(4) });
  symlinkSync(join(outside, 'secret.md'), join(root, 'records/cd/r2.md'));
  spawnSync('mkfifo', [join(root, 'records/cd/r3.md')]);
  symlinkSync(join(root, 'shared/r4.md'), join(root, 'records/cd/r4.md'));
  symlinkSync(join(outside, 'folder'), join(root, 'records/ext'));
  mkdirSync(join(root, 'templates'));
  symlinkSync('/etc/passwd', join(root, 'templates/evil.md.liquid'));

  it('are diagnostics at listing time, never opened (a FIFO would wait for ever); a link inside the workspace is read', async () => {
    const result = await validate({ root, today });
    const unsafe = result.diagnostics.filter((d) => d.rule === 'unsafe-file').map((d) => [d.file, d.message]);
    expect(unsafe).toEqual([
      ['records/cd/r2.md', `it is a symbolic link to ${join(outside, 'secret.md')}, outside the workspace, so it is not read`],
      ['records/cd/r3.md', 'it is not a regular file (a FIFO, socket or device), so it is not read'],
      ['records/ext', `it is a symbolic link to ${join(outside, 'folder')}, outside the workspace, so it is not read`],
    ]);
    expect(result.diagnostics.filter((d) => d.file === 'records/cd/r4.md' && d.severity === 'error')).toEqual([]);
    expect(result.diagnostics.some((d) => d.file === 'records/cd/r4.md')).toBe(true);
  });

  it('update writes through a link inside the workspace and keeps the link', async () => {
    await update({ root, today, ids: ['r4'], note: 'Progress.' });
    expect(lstatSync(join(root, 'records/cd/r4.md')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(root, 'shared/r4.md'), 'utf8')).toContain('note: Progress.');
  });

  it('a workspace template linked outside the workspace is refused, not rendered', async () => {
    await expect(report({ root, today, template: 'evil', format: 'md' })).rejects.toThrow(
      'templates/evil.md.liquid is a symbolic link to /etc/passwd, outside the workspace, so track does not read it; copy the template into templates/ instead.',
    );
  });
});

describe('update never replaces a link that leaves the workspace', () => {
  it('refuses with one sentence and leaves both as they were', async () => {
    const outside = workspace({ 'r2.md': R(2) }, false);
    const root = workspace({ 'records/cd/source.md': SOURCE, 'records/cd/r1.md': R(1) });
    // Listed before the link appears: as if it were made between listing and writing.
    const { writeItemEdits } = await import('../../src/write/items.js');
    const { checkCandidates } = await import('../../src/rules/candidates.js');
    const { loadWorkspace } = await import('../../src/records/store/index.js');
    const ws = await loadWorkspace(root);
    const r1 = ws.items.find((i) => i.id === 'cd/r1')!;
    writeFileSync(join(outside, 'r2.md'), R(1));
    const { rmSync } = await import('node:fs');
    rmSync(join(root, 'records/cd/r1.md'));
    symlinkSync(join(outside, 'r2.md'), join(root, 'records/cd/r1.md'));
    await expect(writeItemEdits(ws, checkCandidates(ws, today), [{ item: r1, edit: { update: { date: today, note: 'x' } } }])).rejects.toThrow(/^Cannot write records\/cd\/r1\.md: it is a symbolic link to .*, outside the workspace, and track never replaces a link/);
    expect(lstatSync(join(root, 'records/cd/r1.md')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(outside, 'r2.md'), 'utf8')).toBe(R(1));
  });
});
