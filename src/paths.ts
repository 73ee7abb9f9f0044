// Where track's own files are (built-in templates, package.json), found the
// same way from the sources in tests and from the bundle in dist/.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('track cannot find its own package.json: reinstall track');
    dir = parent;
  }
  return dir;
}

/** The folder holding track's package.json, templates/ and dist/. */
export const PACKAGE_ROOT = packageRoot();

/** track's own package name and version, from its package.json. */
export function ownPackage(): { name: string; version: string } {
  try {
    const { name, version } = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
    return { name, version };
  } catch {
    return { name: 'track-recommendations', version: 'unknown' };
  }
}
