import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const MAIN = join(root, 'dist', 'cli', 'main.js');
// Outside dist/, which is packed, and node_modules/: the sources' hash and the bundle's time as this setup last built it, one file per checkout.
const STAMP = join(tmpdir(), 'track-tests', `dist-${createHash('sha1').update(root).digest('hex').slice(0, 12)}`);

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

/** A hash of everything dist/ is built from. */
function sources(): string {
  const hash = createHash('sha1');
  for (const file of [...files(join(root, 'src')), ...['package.json', 'package-lock.json', 'scripts/build.mjs'].map((f) => join(root, f))]) {
    hash.update(file.slice(root.length)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

// The end-to-end tests run bin/track.cjs, which loads dist/: build it once, unless it is built from these sources already.
// A dist/ built by anything else (npm run build, from other sources) has another time, and is rebuilt.
export default function setup(): void {
  const stamp = () => `${sources()} ${statSync(MAIN).mtimeMs}`;
  if (existsSync(STAMP) && existsSync(MAIN) && readFileSync(STAMP, 'utf8') === stamp()) return;
  execFileSync(process.execPath, [`${root}scripts/build.mjs`], { cwd: root, stdio: 'inherit' });
  mkdirSync(join(STAMP, '..'), { recursive: true });
  writeFileSync(STAMP, stamp());
}
