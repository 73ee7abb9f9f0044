// Finding the workspace: the nearest folder upward holding track.config.yaml.

import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UnusableInput } from '../errors.js';

export const CONFIG_FILE = 'track.config.yaml';


/** The nearest folder upward from `start` that holds track.config.yaml. */
export function findWorkspaceRoot(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, CONFIG_FILE))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The workspace root for `--dir` (exactly that folder) or the current folder (walking up). */
export function resolveWorkspaceRoot(dir: string | undefined, cwd = process.cwd()): string {
  if (dir !== undefined) {
    if (dir.trim() === '') throw new UnusableInput((flag) => `${flag('dir')} was given no path: give the folder that holds ${CONFIG_FILE}, or leave ${flag('dir')} out to look upward from here.`);
    const root = resolve(cwd, dir);
    if (!existsSync(root)) {
      throw new UnusableInput((flag) => `The folder ${dir} does not exist. Check the path given to ${flag('dir')}.`);
    }
    if (!statSync(root).isDirectory()) {
      const hint = dir.endsWith(CONFIG_FILE) ? `: give the folder that holds it, ${dirname(dir) || '.'}` : `: give the folder that holds ${CONFIG_FILE}`;
      throw new UnusableInput((flag) => `${dir} is a file, not a folder${hint} (${flag('dir')}).`);
    }
    if (!existsSync(join(root, CONFIG_FILE))) {
      throw new UnusableInput(`${dir} is not a track workspace: it has no ${CONFIG_FILE}. Run "track init ${dir}" to make one.`);
    }
    return root;
  }
  const root = findWorkspaceRoot(cwd);
  if (!root) {
    throw new UnusableInput(
      (flag) => `No track workspace here: no ${CONFIG_FILE} in this folder or any folder above it. Run "track init" to make one, or pass ${flag('dir')} PATH.`,
    );
  }
  return root;
}
