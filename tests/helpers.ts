// Real temporary workspaces and a real CLI process, for end-to-end tests.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(PROJECT_ROOT, 'bin', 'track.cjs');

export const CONFIG = `organisation: Test Partnership
stages: leeds
bodies:
  - id: leeds-pct
    name: Leeds Primary Care Trust
    aliases: [PCT, Leeds PCT]
  - id: adult-social-services
    name: Adult Social Services
people:
  - id: f-jassat
    name: Feisal Jassat
    role: Head of Overview and Scrutiny
`;

export const SOURCE = `---
title: "Scrutiny Inquiry: Community Development"
kind: scrutiny-inquiry
made_by: leeds-pct
date: 2007-06-14
---
General context.
`;

/** An item file from frontmatter lines (without the --- lines) and a body. */
export function item(frontmatter: string, body = 'The text of the recommendation.\n'): string {
  return `---\n${frontmatter.trim()}\n---\n${body}`;
}

/** A temporary workspace: a map of relative path to content (string or bytes). */
export function workspace(files: Record<string, string | Uint8Array>, withConfig = true): string {
  const root = mkdtempSync(join(tmpdir(), 'track-test-'));
  const all = withConfig ? { 'track.config.yaml': CONFIG, ...files } : files;
  for (const [path, content] of Object.entries(all)) {
    const abs = join(root, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  return root;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the built CLI as a user would. */
export function track(args: string[], options: { cwd?: string; env?: Record<string, string | undefined>; input?: string } = {}): CliResult {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, TRACK_TODAY: undefined, ...options.env };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? PROJECT_ROOT,
    env: env as NodeJS.ProcessEnv,
    encoding: 'utf8',
    input: options.input ?? '',
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Skip a timing test, saying why, on a machine running more than twice as
 * much as its cores can: the time would measure the other processes, not
 * track. (A test run itself keeps about one process per core busy.)
 */
export function skipTimingWhenBusy(ctx: { skip(note?: string): void }): void {
  const [load] = loadavg();
  if (load! > 2 * cpus().length) ctx.skip(`the machine is busy (load ${load!.toFixed(1)} on ${cpus().length} cores): run this test alone to time it`);
}

const PAPER_CSS = readFileSync(join(PROJECT_ROOT, 'templates', 'paper.css'), 'utf8').trim();

/**
 * A paper's HTML with the shipped print CSS replaced by a marker, so the
 * golden papers keep one copy of it: templates/paper.css. Throws when the
 * paper does not carry that CSS word for word.
 */
export function withSharedCss(html: string): string {
  const at = html.indexOf(PAPER_CSS);
  if (at < 0) throw new Error('the paper does not carry templates/paper.css as shipped');
  return `${html.slice(0, at)}/* templates/paper.css, as shipped */${html.slice(at + PAPER_CSS.length)}`;
}
