// Where the workspace sits in its repository, for paths that CI attaches to
// files: GitHub wants them from the repository's top, wherever the workspace is.

import { realpathSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';
import { repositoryTop } from '../history/git.js';

/**
 * The workspace's folder from the repository's top, "" or ending in "/":
 * the top is GITHUB_WORKSPACE in GitHub Actions, else git's; "" outside any.
 */
export function workspacePrefix(root: string, env: NodeJS.ProcessEnv): string {
  const real = (path: string) => {
    try {
      return realpathSync(path);
    } catch {
      return path;
    }
  };
  const workspace = real(root);
  const candidates = [env['GITHUB_WORKSPACE'], repositoryTop(root)];
  for (const top of candidates) {
    if (!top) continue;
    const rel = relative(real(top), workspace);
    if (rel.startsWith('..') || isAbsolute(rel)) continue;
    return rel === '' ? '' : `${rel.split(sep).join('/')}/`;
  }
  return '';
}
