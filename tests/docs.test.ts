// The docs say what the code is: README's layout names every folder of src/
// (and no other), and docs/json.md names the cache files the store writes.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './helpers.js';

describe('the docs and the code', () => {
  it("README's layout lists exactly the folders of src/", () => {
    const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
    const block = /```\nsrc\/\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const listed = [...block.matchAll(/^( {2,4})([a-z-]+)\//gm)].map((m) => (m[1]!.length === 2 ? m[2]! : `records/${m[2]!}`));
    const folders = (dir: string) => readdirSync(join(PROJECT_ROOT, 'src', dir), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => (dir ? `${dir}/${e.name}` : e.name));
    const actual = [...folders(''), ...folders('records')].filter((f) => !f.startsWith('cli/'));
    expect(listed.sort()).toEqual(actual.sort());
  });

  it('docs/json.md names the cache files the store keeps, and no others', async () => {
    const doc = readFileSync(join(PROJECT_ROOT, 'docs/json.md'), 'utf8');
    const store = readFileSync(join(PROJECT_ROOT, 'src/records/store/index.ts'), 'utf8');
    const written = [...store.matchAll(/'([a-z]+\.v8)'/g)].map((m) => m[1]!).sort();
    const named = [...new Set([...doc.matchAll(/`([a-z]+\.v8)`/g)].map((m) => m[1]!))].sort();
    expect(written.length).toBeGreaterThan(0);
    expect(named).toEqual(written);
    expect(existsSync(join(PROJECT_ROOT, 'src/records/store/index.ts'))).toBe(true);
  });
});
