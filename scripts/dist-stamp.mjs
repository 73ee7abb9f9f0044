// What dist/ was last built from: a hash of its sources and the time of the
// bundle that build wrote. The build writes it; the test setup
// (tests/global-setup.ts) builds again only when it no longer matches, so
// the build `npm ci` ran is not redone by `npm test`. It is kept outside
// dist/, which is packed, and outside node_modules/: one file per checkout.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

function files(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

/** The stamp dist/ would have if it were built from the sources as they are now (undefined: dist/ is not built). */
function current(root) {
  const main = join(root, 'dist', 'cli', 'main.js');
  if (!existsSync(main)) return undefined;
  const hash = createHash('sha1');
  for (const file of [...files(join(root, 'src')), ...['package.json', 'package-lock.json', 'scripts/build.mjs'].map((f) => join(root, f))]) {
    hash.update(file.slice(root.length)).update('\0').update(readFileSync(file)).update('\0');
  }
  return `${hash.digest('hex')} ${statSync(main).mtimeMs}`;
}

function stampFile(root) {
  return join(tmpdir(), 'track-tests', `dist-${createHash('sha1').update(root).digest('hex').slice(0, 12)}`);
}

/** Called by the build once dist/ is written. */
export function recordBuild(root) {
  const file = stampFile(root);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, current(root) ?? '');
}

/** dist/ was built by scripts/build.mjs from the sources as they are now, and nothing has rewritten it since. */
export function builtFromSources(root) {
  const file = stampFile(root);
  const now = current(root);
  return now !== undefined && existsSync(file) && readFileSync(file, 'utf8') === now;
}
