// Running git: always as a process with an argument list (never a shell), and
// every way git can be missing or unhelpful turned into one clear sentence.

import { execFile, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Unavailable } from '../errors.js';

/** Why history cannot be read; `message` is one sentence for the officer. */
export class GitUnavailable extends Error {
  constructor(
    readonly reason: 'no-git' | 'not-a-repository' | 'failed',
    message: string,
  ) {
    super(message);
    this.name = 'GitUnavailable';
  }
}

/** What every history reader needs to know about the repository. */
export interface Repository {
  /** The workspace folder: git runs here, so pathspecs are workspace-relative. */
  root: string;
  /** The workspace's path inside the repository, "" or ending in "/" (git's --show-prefix). */
  prefix: string;
  shallow: boolean;
  /** Whether HEAD names a commit (false in a repository with no commits yet). */
  hasCommits: boolean;
  /** The commit HEAD names ("" when there is none yet). */
  head: string;
}

const MAX_BUFFER = 512 * 1024 * 1024;

/** Run git and return its stdout; a failure throws GitUnavailable or an Error with git's own words. */
export function git(root: string, args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile('git', args, { cwd: root, maxBuffer: MAX_BUFFER, encoding: 'utf8', env: gitEnv() }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      reject(toGitError(error as NodeJS.ErrnoException, stderr));
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}

// Plain, untranslated, unpaged output whatever the user's settings.
function gitEnv(): NodeJS.ProcessEnv {
  return { ...process.env, LC_ALL: 'C', LANGUAGE: 'C', GIT_PAGER: 'cat', GIT_OPTIONAL_LOCKS: '0' };
}

function toGitError(error: NodeJS.ErrnoException, stderr: string): Error {
  if (error.code === 'ENOENT') {
    return new GitUnavailable('no-git', 'git is not installed (or not on the PATH)');
  }
  if (/not a git repository/i.test(stderr)) return new GitUnavailable('not-a-repository', 'the workspace is not in a git repository');
  const detail = stderr.trim().split('\n').find((l) => l.trim() !== '') ?? error.message;
  return new GitError(detail.replace(/^(fatal|error): /, ''));
}

/** git ran and refused: its own first line of complaint. */
export class GitError extends Error {
  override name = 'GitError';
}

/** Open the repository holding the workspace, or throw GitUnavailable. */
export async function openRepository(root: string): Promise<Repository> {
  const out = await git(root, ['rev-parse', '--show-prefix', '--is-shallow-repository', '--verify', '-q', 'HEAD']).catch(async (error: unknown) => {
    // `--verify HEAD` fails in a repository with no commits yet; ask again without it.
    if (!(error instanceof GitError)) throw error;
    const bare = await git(root, ['rev-parse', '--show-prefix', '--is-shallow-repository']);
    return `${bare}\n`;
  });
  const [prefix = '', shallow = 'false', head = ''] = out.split('\n');
  return { root, prefix, shallow: shallow.trim() === 'true', hasCommits: head.trim() !== '', head: head.trim() };
}

/**
 * Open the repository for a command that cannot work without it: git missing
 * or no repository stops with one sentence (Unavailable).
 */
export async function requireRepository(root: string, command: string): Promise<Repository> {
  try {
    return await openRepository(root);
  } catch (error) {
    if (!(error instanceof GitUnavailable)) throw error;
    if (error.reason === 'no-git') {
      throw new Unavailable(`track ${command} needs git, which is not installed (or not on the PATH): install git, or use "track show" and "track status", which work without it.`);
    }
    throw new Unavailable(`track ${command} reads the records' history from git, but ${root} is not in a git repository: run "git init" and commit the records, or run track in a clone of the repository.`);
  }
}

/** The warning for a shallow clone, whose history stops short. */
export function shallowWarning(command: string): string {
  return `Warning: this is a shallow git clone, so its history is incomplete and track ${command} may miss changes or show wrong dates. Fetch the whole history with "git fetch --unshallow" (in GitHub Actions: actions/checkout with fetch-depth: 0).`;
}

/** A workspace-relative path from a repository-relative one; undefined when outside the workspace. */
export function workspacePath(repo: Pick<Repository, 'prefix'>, repoPath: string): string | undefined {
  if (!repo.prefix) return repoPath;
  return repoPath.startsWith(repo.prefix) ? repoPath.slice(repo.prefix.length) : undefined;
}

/** Run git with input on stdin and return stdout as bytes (for blobs, which may not be text). */
export function gitBytes(root: string, args: string[], input: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd: root, env: gitEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', (error) => reject(toGitError(error as NodeJS.ErrnoException, stderr)));
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(chunks));
      else reject(toGitError(Object.assign(new Error(`git exited with ${code}`), { code: String(code) }), stderr));
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}

/**
 * Whether no git repository can hold `dir`, seen without running git: no
 * `.git` (folder or file) in it or any folder above, none of them laid out as
 * a bare repository, and no GIT_DIR. Spares a git process (10 to 20 ms) where
 * there is no history to read; anything else is git's to decide. Not for a
 * command that needs git: there, that git is missing is the first thing to say.
 */
export function surelyOutsideGit(dir: string): boolean {
  if (process.env['GIT_DIR']) return false;
  for (let d = resolve(dir); ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return false;
    if (existsSync(join(d, 'HEAD')) && existsSync(join(d, 'objects')) && existsSync(join(d, 'refs'))) return false;
    if (dirname(d) === d) return true;
  }
}

/** The top folder of the git repository holding `dir`, or undefined outside one (or without git). */
export function repositoryTop(dir: string): string | undefined {
  if (surelyOutsideGit(dir)) return undefined;
  const result = spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd: dir, encoding: 'utf8', env: gitEnv() });
  return result.status === 0 && result.stdout.trim() !== '' ? result.stdout.trim() : undefined;
}
