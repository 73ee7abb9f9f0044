import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { builtFromSources } from '../scripts/dist-stamp.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

// The end-to-end tests run bin/track.cjs, which loads dist/: build it once, unless scripts/build.mjs built it from these
// sources already (as `npm ci` and `npm install` do, through prepare). A dist/ written by anything else is rebuilt.
export default function setup(): void {
  if (builtFromSources(root)) return;
  execFileSync(process.execPath, [`${root}scripts/build.mjs`], { cwd: root, stdio: 'inherit' });
}
