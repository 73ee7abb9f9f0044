// `track init`: a working workspace in a folder, never replacing a file.

import { existsSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UnusableInput } from '../errors.js';
import { CONFIG_FILE } from '../records/config.js';
import { MEETINGS_FILE } from '../records/tree.js';
import { configFile, exampleItem, exampleSource, GITIGNORE, meetingsFile, workflowFile, workspacePackageJson, type StagePreset } from '../write/init-files.js';
import { ownPackage } from '../paths.js';
import { repositoryTop } from '../history/git.js';
import { createFile, makeFolder } from '../write/file.js';
import { WriteError } from '../write/failure.js';

export interface InitOptions {
  /** The folder to make the workspace in; created when missing. */
  dir: string;
  today: string;
  stages?: StagePreset;
  /**
   * Where the workspace's package.json installs track from (a version, a git
   * URL, a tarball's path or URL); by default, exactly the version running.
   */
  packageSpec?: string;
  /** The folder `dir` and a package path are relative to (default: the process's). */
  cwd?: string;
}

export interface InitResult {
  /** Absolute path of the workspace. */
  root: string;
  /** Workspace-relative paths written. */
  created: string[];
  /** Paths that were there already and were left as they were. */
  kept: string[];
}

export const EXAMPLE_SOURCE_DIR = 'records/example-source';

export async function init(options: InitOptions): Promise<InitResult> {
  const cwd = options.cwd ?? process.cwd();
  const root = resolve(cwd, options.dir);
  if (existsSync(root) && !statSync(root).isDirectory()) throw new UnusableInput(`${options.dir} is a file, not a folder. Give a folder to make the workspace in.`);
  const stages = options.stages ?? 'leeds';
  const spec = options.packageSpec === undefined ? ownPackage().version : packageSpec(options.packageSpec, root, cwd);
  const hasConfig = existsSync(join(root, CONFIG_FILE));
  const files: [string, string][] = [
    [CONFIG_FILE, configFile(stages)],
    // An existing workspace keeps its own records: the example might not fit its stage scale.
    ...(hasConfig
      ? []
      : ([
          [`${EXAMPLE_SOURCE_DIR}/source.md`, exampleSource(options.today)],
          [`${EXAMPLE_SOURCE_DIR}/r1.md`, exampleItem(stages, options.today)],
        ] as [string, string][])),
    [MEETINGS_FILE, meetingsFile(options.today)],
    ['package.json', workspacePackageJson(ownPackage().name, spec)],
    ['.gitignore', GITIGNORE],
    workflow(root),
  ];
  const created: string[] = [];
  const kept: string[] = [];
  for (const [path, text] of files) {
    const abs = join(root, path);
    try {
      makeFolder(dirname(abs), dirname(join(options.dir, path)));
      (createFile(abs, text, { shown: join(options.dir, path) }) ? created : kept).push(path);
    } catch (error) {
      if (error instanceof WriteError) throw new WriteError(error.failure, error.shown, `${error.message}${created.length > 0 ? ` Already created: ${created.join(', ')}.` : ''}`, error.errno);
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      throw new UnusableInput(`Cannot make the folder for ${join(options.dir, path)} (${code}). Check the folder's permissions.${created.length > 0 ? ` Already created: ${created.join(', ')}.` : ''}`);
    }
  }
  return { root, created, kept };
}

/**
 * GitHub reads workflows only from the top of the repository: for a
 * workspace in a subfolder of one, the workflow goes there, and runs in the
 * workspace's folder.
 */
function workflow(root: string): [string, string] {
  let existing = root;
  while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
  const top = repositoryTop(existing);
  const inside = top === undefined ? '' : relative(realpathSync(top), join(realpathSync(existing), relative(existing, root))).split(sep).join('/');
  if (top === undefined || inside === '' || inside.startsWith('..')) return ['.github/workflows/track.yml', workflowFile('.')];
  return [relative(root, join(top, '.github/workflows/track.yml')).split(sep).join('/'), workflowFile(inside)];
}

/** A tarball or folder given by its path is written relative to the workspace, as npm reads it there. */
function packageSpec(spec: string, root: string, cwd: string): string {
  if (/^[a-z][a-z0-9+.-]+:/i.test(spec) || !existsSync(resolve(cwd, spec))) return spec;
  if (isAbsolute(spec)) return `file:${spec}`;
  const rel = relative(root, resolve(cwd, spec)).split(sep).join('/');
  return `file:${rel.startsWith('.') ? rel : `./${rel}`}`;
}
