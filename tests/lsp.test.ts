// track lsp --stdio, driven over JSON-RPC as an editor drives it, on real
// workspaces: validate's diagnostics live, completion, hover, bad input.
// @module-tag slow (language servers in child processes)

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { afterEach, describe, expect, it } from 'vitest';
import { describeOwner, suggest } from '../src/lsp/assist.js';
import { validateLive } from '../src/lsp/load.js';
import { item, PROJECT_ROOT, skipTimingWhenBusy, SOURCE, workspace } from './helpers.js';

const BIN = join(PROJECT_ROOT, 'bin', 'track.cjs');
type Published = { uri: string; diagnostics: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; severity: number; code: string; message: string; data: { rule: string; message: string; hint?: string } }[] };

const servers: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.kill();
});

function server(cwd: string) {
  const child = spawn(process.execPath, [BIN, 'lsp', '--stdio'], { cwd, env: { ...process.env, TRACK_TODAY: '2024-05-01' } });
  servers.push(child);
  const connection: MessageConnection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const published: Published[] = [];
  const waiters: { uri: string; want: (p: Published) => boolean; resolve: (p: Published) => void }[] = [];
  connection.onNotification('textDocument/publishDiagnostics', (p: Published) => {
    published.push(p);
    for (const w of waiters.splice(0)) {
      if (w.uri === p.uri && w.want(p)) w.resolve(p);
      else waiters.push(w);
    }
  });
  connection.listen();
  /** The next publication for `uri` that `want` accepts (a check already running may publish first). */
  const next = (uri: string, want: (p: Published) => boolean = () => true) => new Promise<Published>((resolve) => waiters.push({ uri, want, resolve }));
  return {
    child,
    connection,
    published,
    next,
    async start() {
      await connection.sendRequest('initialize', { processId: null, rootUri: pathToFileURL(cwd).href, capabilities: {} });
      await connection.sendNotification('initialized', {});
    },
    open(uri: string, text: string) {
      const seen = next(uri);
      void connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
      return seen;
    },
    change(uri: string, version: number, text: string, want?: (p: Published) => boolean) {
      const seen = next(uri, want);
      void connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
      return seen;
    },
  };
}

const R1 = item('title: One\nnumber: 1\nowners: [leeds-pct]\nresponse: accepted\nstage: 4\nupdates:\n  - date: 2024-04-01\n    stage: 4\n    note: Going well.');

describe('track lsp --stdio', () => {
  it("publishes validate's diagnostic for a typo key at its line and column as it is typed, and none once fixed", async () => {
    const root = workspace({ 'records/cd/source.md': SOURCE, 'records/cd/r1.md': R1 });
    const lsp = server(root);
    await lsp.start();
    const uri = pathToFileURL(join(root, 'records/cd/r1.md')).href;
    expect((await lsp.open(uri, R1)).diagnostics).toEqual([]);
    const typo = R1.replace('number: 1', 'numbr: 1');
    const [d, ...rest] = (await lsp.change(uri, 2, typo)).diagnostics;
    expect(rest).toEqual([]);
    expect(d).toMatchObject({
      range: { start: { line: 2, character: 0 }, end: { line: 2, character: 5 } },
      severity: 1,
      code: 'unknown-key',
      source: 'track',
      data: { rule: 'unknown-key', message: 'unknown key "numbr" (did you mean "number"?)' },
    });
    // The same as `track validate` says of the same text, saved.
    writeFileSync(join(root, 'records/cd/r1.md'), typo);
    const { diagnostics } = await validateLive(root, '2024-05-01', new Map());
    expect(diagnostics.map((x) => [x.file, x.line, x.column, x.rule, x.message, x.hint])).toEqual([['records/cd/r1.md', 3, 1, 'unknown-key', 'unknown key "numbr" (did you mean "number"?)', undefined]]);
    expect((await lsp.change(uri, 3, R1)).diagnostics).toEqual([]);
  });

  it('publishes for the files a change affects: a number used twice shows on the other file, a related id that names nothing', async () => {
    const root = workspace({ 'records/cd/source.md': SOURCE, 'records/cd/r1.md': R1, 'records/cd/r3.md': item('title: Three\nnumber: 3\nowners: [leeds-pct]\nresponse: accepted\nstage: 4') });
    const lsp = server(root);
    await lsp.start();
    const r1 = pathToFileURL(join(root, 'records/cd/r1.md')).href;
    const r3 = pathToFileURL(join(root, 'records/cd/r3.md')).href;
    await lsp.open(r1, R1);
    const errors = (p: Published) => p.diagnostics.filter((d) => d.severity === 1).map((d) => d.code);
    // r1 takes r3's number: the problem is r3's, a file not open in the editor.
    const elsewhere = lsp.next(r3, (p) => errors(p).includes('duplicate-number'));
    await lsp.change(r1, 2, R1.replace('number: 1', 'number: 3'));
    expect(errors(await elsewhere)).toEqual(['duplicate-number']);
    // Back to its own number, with a related id that names no item: r3 is cleared, r1 has the problem.
    const cleared = lsp.next(r3, (p) => errors(p).length === 0);
    const related = await lsp.change(r1, 3, R1.replace('stage: 4\nupdates', 'stage: 4\nrelated: [r9]\nupdates'), (p) => errors(p).length > 0);
    await cleared;
    expect(related.diagnostics.map((d) => [d.code, d.range.start.line])).toEqual([['unknown-related', 6]]);
  });

  it('answers a change within 100 ms on the bundled records', async (ctx) => {
    skipTimingWhenBusy(ctx);
    const lsp = server(PROJECT_ROOT);
    await lsp.start();
    const path = join(PROJECT_ROOT, 'records/leeds-cd-2007/r2.md');
    const uri = pathToFileURL(path).href;
    const text = readFileSync(path, 'utf8');
    await lsp.open(uri, text);
    const times: number[] = [];
    for (let version = 2; version < 12; version++) {
      const typo = version % 2 === 0;
      const started = performance.now();
      const hasTypo = (p: Published) => p.diagnostics.some((d) => d.code === 'unknown-key');
      await lsp.change(uri, version, typo ? text.replace('\ntags:', '\ntagz:') : text, (p) => hasTypo(p) === typo);
      times.push(performance.now() - started);
    }
    // The fastest of ten: on an idle machine every answer is about that fast; on a shared, loaded
    // one the others wait for a core. A slow check (no parse cache, a full reload) fails this too.
    // A machine that grew busy while the answers were timed says nothing either way: skipped then.
    if (Math.min(...times) >= 100) skipTimingWhenBusy(ctx);
    expect(Math.min(...times)).toBeLessThan(100);
  });

  it('completes keys, stages, owners and meeting dates, and shows an owner on hover', async () => {
    const root = workspace({
      'records/cd/source.md': SOURCE,
      'records/cd/r1.md': R1,
      'meetings.yaml': '- date: 2024-06-11\n  title: Scrutiny Board\n',
    });
    const { workspace: ws } = await validateLive(root, '2024-05-01', new Map());
    const labels = (text: string, line: number, character: number) => suggest(text, line, character, 'item', ws!).map((s) => s.label);
    expect(labels('---\nti\n---\n', 1, 2)).toEqual(expect.arrayContaining(['title', 'number', 'owners', 'stage', 'ref', 'approach']));
    expect(labels('---\ntitle: X\nupdates:\n  - da\n---\n', 3, 6)).toEqual(expect.arrayContaining(['date', 'note', 'proposed_stage', 'previous_due']));
    expect(suggest('---\nstage: \n---\n', 1, 7, 'item', ws!).slice(0, 2)).toEqual([
      { label: '1', kind: 'stage', detail: 'Stop monitoring or determine whether any further action is required (closed)' },
      { label: '2', kind: 'stage', detail: 'Achieved (closed)' },
    ]);
    expect(labels('---\nowners: [\n---\n', 1, 9)).toEqual(expect.arrayContaining(['leeds-pct', 'Leeds Primary Care Trust', 'PCT', 'f-jassat', 'Feisal Jassat']));
    expect(labels('---\nowners:\n  - \n---\n', 2, 4)).toContain('adult-social-services');
    expect(labels('---\ndue: \n---\n', 1, 5)).toEqual(['2024-06-11']);
    expect(labels('body text\n', 0, 2)).toEqual([]);
    expect(describeOwner('---\nowners: [leeds-pct, f-jassat]\n---\n', 1, 12, ws!)).toBe('**Leeds Primary Care Trust**\n\nbody `leeds-pct`');
    expect(describeOwner('---\nowners: [leeds-pct, f-jassat]\n---\n', 1, 25, ws!)).toBe('**Feisal Jassat**, Head of Overview and Scrutiny\n\nperson `f-jassat`');
    // Over JSON-RPC too.
    const lsp = server(root);
    await lsp.start();
    const uri = pathToFileURL(join(root, 'records/cd/r1.md')).href;
    await lsp.open(uri, R1);
    const hover = (await lsp.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 12 } })) as { contents: { value: string } };
    expect(hover.contents.value).toBe('**Leeds Primary Care Trust**\n\nbody `leeds-pct`');
    const completion = (await lsp.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 5, character: 7 } })) as { label: string }[];
    expect(completion.map((c) => c.label)).toEqual(['1', '2', '3', '4', '5', '6']);
  });

  it('a file outside any workspace gets one diagnostic saying no track.config.yaml was found, and the server carries on', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'track-lsp-outside-'));
    const lsp = server(outside);
    await lsp.start();
    const uri = pathToFileURL(join(outside, 'notes.md')).href;
    const { diagnostics } = await lsp.open(uri, '---\ntitle: x\n---\n');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.message).toMatch(/^No track\.config\.yaml was found in this file's folder or any folder above it/);
    const completion = await lsp.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 1 } });
    expect(completion).toEqual([]);
  });

  it('answers malformed JSON-RPC with an error response and stays up', async () => {
    const child = spawn(process.execPath, [BIN, 'lsp', '--stdio'], { cwd: tmpdir() });
    servers.push(child);
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    const frame = (body: string) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    child.stdin.write(frame('{oops'));
    child.stdin.write(frame('[1, 2]'));
    child.stdin.write('Content-Type: nothing\r\n\r\n');
    child.stdin.write(frame(JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } })));
    const bodies = async () => {
      for (let i = 0; i < 100 && !out.includes('"id":7'); i++) await new Promise((r) => setTimeout(r, 50));
      return out.split(/Content-Length: \d+\r\n\r\n/).filter(Boolean).map((b) => JSON.parse(b) as { id: unknown; error?: { code: number }; result?: unknown });
    };
    const replies = await bodies();
    expect(replies.map((r) => [r.id, r.error?.code])).toEqual([
      [null, -32700],
      [null, -32600],
      [null, -32700],
      [7, undefined],
    ]);
    expect(replies[3]!.result).toMatchObject({ serverInfo: { name: 'track' } });
    expect(child.exitCode).toBeNull();
  });
});
