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

/** A hash of everything dist/ is built from: the sources, the package and its lockfile, and the build script. */
export function sourceHash(root) {
  const hash = createHash('sha1');
  for (const file of [...files(join(root, 'src')), ...['package.json', 'package-lock.json', 'scripts/build.mjs'].map((f) => join(root, f))]) {
    hash.update(file.slice(root.length)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

/** The stamp dist/ would have if it were built from the sources whose hash is given (undefined: dist/ is not built). */
function current(root, hash) {
  const main = join(root, 'dist', 'cli', 'main.js');
  return existsSync(main) ? `${hash} ${statSync(main).mtimeMs}` : undefined;
}

function stampFile(root) {
  return join(tmpdir(), 'track-tests', `dist-${createHash('sha1').update(root).digest('hex').slice(0, 12)}`);
}

/** Called by the build once dist/ is written, with the hash of what it was built from. */
export function recordBuild(root, hash) {
  const file = stampFile(root);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, current(root, hash) ?? '');
}

/** dist/ was built by scripts/build.mjs from the sources as they are now, and nothing has rewritten it since. */
export function builtFromSources(root) {
  const file = stampFile(root);
  const now = current(root, sourceHash(root));
  return now !== undefined && existsSync(file) && readFileSync(file, 'utf8') === now;
}
