// Reading many file versions with ONE `git cat-file --batch` process: the
// object names go in on stdin, the sized contents come back on stdout.

import { gitBytes } from './git.js';

/** `<rev>:<repo-path>` or a blob hash. */
export type ObjectName = string;

/** The text of each object named, or undefined for one git does not have. */
export async function readObjects(root: string, names: readonly ObjectName[]): Promise<Map<ObjectName, Buffer | undefined>> {
  const unique = [...new Set(names)];
  const found = new Map<ObjectName, Buffer | undefined>();
  if (unique.length === 0) return found;
  const out = await gitBytes(root, ['cat-file', '--batch'], unique.map((n) => `${n}\n`).join(''));
  let at = 0;
  for (const name of unique) {
    const lineEnd = out.indexOf(0x0a, at);
    if (lineEnd === -1) break;
    const header = out.toString('utf8', at, lineEnd);
    at = lineEnd + 1;
    // "<hash> <type> <size>", or "<name> missing" / "<name> ambiguous".
    const size = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    if (!size) {
      found.set(name, undefined);
      continue;
    }
    const length = Number(size[2]);
    found.set(name, size[1] === 'blob' ? out.subarray(at, at + length) : undefined);
    at += length + 1;
  }
  return found;
}
