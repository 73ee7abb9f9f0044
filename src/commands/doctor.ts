// `track doctor`: what this machine and workspace have of what track needs,
// one finding each, and how to get what is missing on this platform.

import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { TrackError, type Wording } from '../errors.js';
import { git, GitUnavailable } from '../history/git.js';
import { CACHE_DIR } from '../records/store/index.js';
import { CONFIG_FILE, loadConfig, resolveWorkspaceRoot } from '../records/config.js';
import type { Diagnostic } from '../records/diagnostic.js';
import { findChromium } from '../report/pdf.js';
import { ownPackage, PACKAGE_ROOT } from '../paths.js';

export type CheckName = 'node' | 'git' | 'chromium' | 'workspace' | 'config' | 'cache';

export interface DoctorCheck {
  name: CheckName;
  /** ok: present; missing: a command needs it (doctor fails); broken: there, but no command can use it (doctor fails); optional: only some uses need it. */
  status: 'ok' | 'missing' | 'broken' | 'optional';
  /** What was found, or what is wrong. */
  detail: string;
  /** How to get it, when it is not ok. */
  hint?: Wording;
  /** The config's problems, when it is not valid. */
  diagnostics?: readonly Diagnostic[];
}

export interface DoctorOptions {
  /** --dir, when given. */
  dir?: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  nodeVersion?: string;
  /** /etc/os-release's text, to tell Debian from Ubuntu. */
  osRelease?: string;
}

export interface DoctorResult {
  /** track's own version. */
  version: string;
  checks: DoctorCheck[];
  /** Nothing a command needs is missing. */
  ok: boolean;
}

export async function doctor(options: DoctorOptions = {}): Promise<DoctorResult> {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const checks: DoctorCheck[] = [checkNode(options.nodeVersion ?? process.versions.node, platform)];
  checks.push(await checkGit(options.cwd ?? process.cwd(), platform));
  checks.push(checkChromium(env, platform, options.osRelease ?? readOsRelease(platform)));
  checks.push(...checkWorkspace(options.dir, options.cwd ?? process.cwd()));
  return { version: ownPackage().version, checks, ok: checks.every((c) => c.status !== 'missing' && c.status !== 'broken') };
}

function checkNode(version: string, platform: NodeJS.Platform): DoctorCheck {
  const engine = engines();
  const needed = Number(/\d+/.exec(engine)?.[0] ?? 0);
  const major = Number(version.split('.')[0]);
  if (major >= needed) return { name: 'node', status: 'ok', detail: `Node.js ${version} (track needs ${needed} or later)` };
  const how: Partial<Record<NodeJS.Platform, string>> = {
    linux: 'install a current Node.js from your distribution, NodeSource or nvm',
    darwin: 'run "brew install node", or use the installer from nodejs.org',
    win32: 'run "winget install OpenJS.NodeJS.LTS", or use the installer from nodejs.org',
  };
  return { name: 'node', status: 'missing', detail: `Node.js ${version} is too old: track needs ${needed} or later`, hint: how[platform] ?? 'install a current Node.js from nodejs.org' };
}

function engines(): string {
  try {
    return (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { engines?: { node?: string } }).engines?.node ?? '>=20';
  } catch {
    return '>=20';
  }
}

async function checkGit(cwd: string, platform: NodeJS.Platform): Promise<DoctorCheck> {
  try {
    const version = (await git(cwd, ['--version'])).trim().replace(/^git version /, '');
    return { name: 'git', status: 'ok', detail: `git ${version}` };
  } catch (error) {
    const how: Partial<Record<NodeJS.Platform, string>> = {
      linux: 'Debian or Ubuntu: "sudo apt-get install git"',
      darwin: 'run "xcode-select --install" (or "brew install git")',
      win32: 'run "winget install Git.Git"',
    };
    const detail = error instanceof GitUnavailable && error.reason === 'no-git' ? 'git is not installed (or not on the PATH)' : `git does not run: ${(error as Error).message}`;
    return { name: 'git', status: 'missing', detail: `${detail}; track log, track changes and the history checks of validate need it`, hint: how[platform] ?? 'install git' };
  }
}

/** Where a browser usually is when it is not on the PATH. */
const USUAL_PLACES: Partial<Record<NodeJS.Platform, string[]>> = {
  darwin: ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge'],
  win32: ['C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe', 'C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe', 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe'],
};

function checkChromium(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, osRelease: string): DoctorCheck {
  const found = findChromium(env);
  if (found !== undefined && existsSync(found)) return { name: 'chromium', status: 'ok', detail: `Chromium for PDF papers: ${found}` };
  if (found !== undefined) {
    return { name: 'chromium', status: 'optional', detail: `TRACK_CHROME is set to ${found}, which does not exist; PDF papers need a Chromium`, hint: 'set TRACK_CHROME to the path of a Chromium, Chrome or Edge program' };
  }
  const elsewhere = (USUAL_PLACES[platform] ?? []).find((path) => existsSync(path));
  if (elsewhere !== undefined) {
    const set = platform === 'win32' ? `setx TRACK_CHROME "${elsewhere}"` : `export TRACK_CHROME="${elsewhere}"`;
    return { name: 'chromium', status: 'optional', detail: `a browser is at ${elsewhere}, but track is not told to use it; PDF papers need it`, hint: `run ${set}` };
  }
  return { name: 'chromium', status: 'optional', detail: 'no Chromium or Chrome found; only PDF papers need one (Markdown, HTML and Word do not)', hint: installChromium(platform, osRelease) };
}

/** How to get a Chromium on this platform. */
export function installChromium(platform: NodeJS.Platform, osRelease: string): string {
  if (platform === 'darwin') return 'run "brew install --cask chromium" (or install Google Chrome), then set TRACK_CHROME to the program inside the app';
  if (platform === 'win32') return 'install Google Chrome or Microsoft Edge, then set TRACK_CHROME to its .exe';
  const id = /^ID=["']?([a-z]+)/m.exec(osRelease)?.[1] ?? '';
  const like = /^ID_LIKE=["']?([a-z ]+)/m.exec(osRelease)?.[1] ?? '';
  if (id === 'ubuntu' || like.includes('ubuntu')) return 'run "sudo snap install chromium" (or install Google Chrome from its .deb)';
  if (id === 'debian' || like.includes('debian')) return 'run "sudo apt-get install chromium"';
  if (id === 'fedora' || like.includes('fedora') || like.includes('rhel')) return 'run "sudo dnf install chromium"';
  return 'install Chromium with your package manager (Debian: "sudo apt-get install chromium"; Ubuntu: "sudo snap install chromium")';
}

function readOsRelease(platform: NodeJS.Platform): string {
  if (platform !== 'linux') return '';
  try {
    return readFileSync('/etc/os-release', 'utf8');
  } catch {
    return '';
  }
}

function checkWorkspace(dir: string | undefined, cwd: string): DoctorCheck[] {
  let root: string;
  try {
    root = resolveWorkspaceRoot(dir, cwd);
  } catch (error) {
    if (!(error instanceof TrackError)) throw error;
    const detail = dir === undefined ? `no workspace: no ${CONFIG_FILE} in this folder or any folder above it` : `no workspace at ${dir}: ${error.message.replace(/ (Run|Check) .*$/, '').replace(/\.$/, '')}`;
    return [{ name: 'workspace', status: 'missing', detail, hint: (flag) => (dir === undefined ? `run "track init" to make one here, or pass ${flag('dir')} PATH` : `check the path given to ${flag('dir')}`) }];
  }
  const found: DoctorCheck = { name: 'workspace', status: 'ok', detail: `workspace ${root}` };
  let config: DoctorCheck;
  try {
    const loaded = loadConfig(root);
    const registers = `${loaded.bodies.length} ${loaded.bodies.length === 1 ? 'body' : 'bodies'}, ${loaded.people.length} ${loaded.people.length === 1 ? 'person' : 'people'}`;
    config = { name: 'config', status: 'ok', detail: `${CONFIG_FILE} is valid: ${loaded.stages.length} stages, ${registers}` };
  } catch (error) {
    if (!(error instanceof TrackError)) throw error;
    // The first problem where it is, rather than "has a problem": the officer can go straight to the line.
    const first = error.diagnostics?.find((d) => d.severity === 'error') ?? error.diagnostics?.[0];
    const more = (error.diagnostics?.length ?? 0) > 1 ? ` (and ${error.diagnostics!.length - 1} more)` : '';
    const detail = first ? `${first.file}${first.line > 0 ? `:${first.line}:${first.column}` : ''} ${first.message}${more}` : error.message.replace(/\.$/, '');
    config = { name: 'config', status: 'broken', detail, hint: 'fix it (run "track validate" for every problem)', diagnostics: error.diagnostics };
  }
  return [found, config, checkCache(root)];
}

function checkCache(root: string): DoctorCheck {
  // The nearest folder of the cache's path that exists: the cache would be made there.
  let dir = join(root, CACHE_DIR);
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  const shown = relative(root, join(root, CACHE_DIR)) || CACHE_DIR;
  try {
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    accessSync(dir, constants.W_OK);
    return { name: 'cache', status: 'ok', detail: `the cache ${shown} is writable` };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return {
      name: 'cache',
      status: 'optional',
      detail: `the cache ${shown} cannot be written (${code}); track works without it, only more slowly`,
      hint: `make ${relative(root, dir) || 'the workspace folder'} writable, or set TRACK_NO_CACHE=1`,
    };
  }
}
