import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exitFor } from '../src/cli/errors.js';
import { newSource } from '../src/commands/new-source.js';
import { validate } from '../src/commands/validate.js';
import { workspace } from './helpers.js';

describe('track new-source', () => {
  it('makes records/ID/source.md that validates, with made_by resolved to its id', async () => {
    const root = workspace({});
    const result = await newSource({ root, today: '2024-05-01', id: 'hosc-2024', title: 'Review: Access to GP services', kind: 'review', madeBy: 'Leeds PCT' });
    expect(result).toEqual({ id: 'hosc-2024', path: 'records/hosc-2024/source.md' });
    expect(readFileSync(join(root, result.path), 'utf8')).toBe('---\ntitle: "Review: Access to GP services"\nkind: review\nmade_by: leeds-pct\ndate: 2024-05-01\n---\n');
    const checked = await validate({ root, today: '2024-05-01' });
    expect(checked.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('refuses a bad id, an unknown body, and a source that is there already', async () => {
    const root = workspace({});
    await expect(newSource({ root, today: '2024-05-01', id: 'Bad Id', title: 'x' })).rejects.toThrow('"Bad Id" cannot be a source id');
    const unknownBody = await newSource({ root, today: '2024-05-01', id: 'a', title: 'x', madeBy: 'Nobody' }).catch((e: unknown) => e);
    expect(unknownBody).toMatchObject({ option: 'madeBy', value: 'Nobody' });
    expect(exitFor(unknownBody)).toMatchObject({ code: 1, message: expect.stringMatching(/^--made-by Nobody is not in the bodies or people/) });
    await newSource({ root, today: '2024-05-01', id: 'a', title: 'x' });
    await expect(newSource({ root, today: '2024-05-01', id: 'a', title: 'y' })).rejects.toThrow('records/a/source.md already exists; it was left as it was.');
  });

  it('says so in one sentence when a file stands where the folder would go', async () => {
    const root = workspace({ 'records/b': 'not a folder\n' });
    const error = await newSource({ root, today: '2024-05-01', id: 'b', title: 'x' }).catch((e: unknown) => e);
    expect(exitFor(error)).toMatchObject({
      code: 1,
      message: 'Cannot make the folder records/b: a file of that name is already there, so nothing was written; move or rename that file, or choose another name.',
    });
    expect(readFileSync(join(root, 'records/b'), 'utf8')).toBe('not a folder\n');
  });
});
