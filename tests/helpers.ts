// Real temporary workspaces and a real CLI process, for end-to-end tests.

import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { CliIo, CliStream } from '../src/cli/context.js';
import { runCli } from '../src/cli/main.js';

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

export interface CliOptions {
  /** The folder the command runs in (default: this project). */
  cwd?: string;
  /** Added to the environment (undefined removes a variable): NO_COLOR is set, FORCE_COLOR and TRACK_TODAY removed, unless given here. */
  env?: Record<string, string | undefined>;
  /** Standard input (default: empty, not a terminal). */
  input?: string;
}

/** The environment a test's track runs with: this process's, no colour, no fixed date, then `extra`. */
function cliEnv(extra: CliOptions['env']): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, TRACK_TODAY: undefined, ...extra };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  return env as NodeJS.ProcessEnv;
}

/**
 * Run the built CLI as a user would, in a child process: for the end-to-end
 * contract (the launcher, exit codes across a real process, signals). Like
 * runTrack it resolves when the command is done, so a test can run both at
 * once.
 */
export function track(args: string[], options: CliOptions = {}): Promise<CliResult> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? PROJECT_ROOT, env: cliEnv(options.env) });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
  // A command that never reads its standard input closes it early: that is not the test's error.
  child.stdin.on('error', () => undefined);
  child.stdin.end(options.input ?? '');
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

/** A stream that keeps what is written to it, as a pipe does (not a terminal). */
function capture(): { stream: CliStream; text(): string } {
  const chunks: Buffer[] = [];
  return {
    stream: { isTTY: false, write: (chunk) => (chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk)), true) },
    text: () => Buffer.concat(chunks).toString('utf8'),
  };
}

/**
 * Run the CLI in this process, from the sources, with what `track` would get
 * in a child process: the same arguments, folder, environment and standard
 * input, stdout and stderr piped. It returns what the child would have: the
 * exit code and the two streams' text. The CLI reads the environment and the
 * folder from its CliIo; the layers below it (git's environment, the store's
 * TRACK_NO_CACHE) read process.env, so for the length of the call process.env
 * is the command's environment, as it would be in the child, and is put back
 * afterwards.
 */
export async function runTrack(args: string[], options: CliOptions = {}): Promise<CliResult> {
  const stdout = capture();
  const stderr = capture();
  const input = Buffer.from(options.input ?? '', 'utf8');
  const io: CliIo = {
    stdout: stdout.stream,
    stderr: stderr.stream,
    stdin: (max) => input.subarray(0, max + 1),
    env: cliEnv(options.env),
    cwd: options.cwd ?? PROJECT_ROOT,
  };
  const own = process.env;
  process.env = io.env;
  let code: number;
  try {
    code = await runCli([process.execPath, BIN, ...args], io);
  } finally {
    process.env = own;
  }
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/**
 * Skip a timing test, saying why, on a machine running more than twice as
 * much as its cores can: the time would measure the other processes, not
 * track. (A test run itself keeps about one process per core busy.)
 */
/** A full garbage collection, twice (the first leaves some of what was just let go), before a memory bound is checked. */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('no gc(): the tests run with --expose-gc (vitest.config.ts)');
  gc();
  gc();
}

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

/** Each string found after the one before it. */
export function expectInOrder(text: string, wanted: string[]): void {
  let at = 0;
  for (const w of wanted) {
    const found = text.indexOf(w, at);
    expect(found, `"${w}" after position ${at}`).toBeGreaterThanOrEqual(0);
    at = found + w.length;
  }
}
