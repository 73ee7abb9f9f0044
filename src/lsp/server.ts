// `track lsp --stdio`: a language server that publishes exactly the problems
// `track validate` finds, as the officer types, for the file being edited
// and for every file its change affects; and completes and explains names.

import { readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Readable, Writable } from 'node:stream';
import {
  CompletionItemKind,
  createConnection,
  DiagnosticSeverity,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocuments,
  TextDocumentSyncKind,
  type Diagnostic as LspDiagnostic,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE, findWorkspaceRoot } from '../records/root.js';
import type { Diagnostic } from '../records/diagnostic.js';
import type { Workspace } from '../records/model.js';
import { describeOwner, suggest, type RecordKind } from './assist.js';
import { forgetHistory, validateLive } from './load.js';
import { guardMessages } from './guard.js';

export interface ServerOptions {
  input: Readable;
  output: Writable;
  /** The date every derived fact uses, asked afresh for each check. */
  today: () => string;
}

export const NO_WORKSPACE = `No ${CONFIG_FILE} was found in this file's folder or any folder above it, so track cannot check this file: open it inside a track workspace, or run "track init" there.`;

const KINDS = { key: CompletionItemKind.Property, stage: CompletionItemKind.EnumMember, owner: CompletionItemKind.Reference, date: CompletionItemKind.Value };

/** The span of the token a problem points at: a key, a quoted or plain value. */
function range(d: Diagnostic, lineText: string | undefined) {
  const line = Math.max(0, d.line - 1);
  const start = Math.max(0, d.column - 1);
  const rest = (lineText ?? '').slice(start);
  const token = /^("[^"]*"?|'[^']*'?|[^\s:#,[\]{}]+)/.exec(rest)?.[0];
  const end = token ? start + token.length : Math.max(start, (lineText ?? '').trimEnd().length);
  return { start: { line, character: start }, end: { line, character: end === start ? start + 1 : end } };
}

export function startServer(options: ServerOptions): void {
  const connection = createConnection(new StreamMessageReader(guardMessages(options.input, options.output)), new StreamMessageWriter(options.output));
  const documents = new TextDocuments(TextDocument);
  /** Per workspace: the files given problems last time, the last workspace read, a check running and one asked for. */
  const state = new Map<string, { published: Set<string>; sent: Map<string, string>; workspace?: Workspace; running?: Promise<void>; again: boolean }>();

  const pathOf = (uri: string) => (uri.startsWith('file:') ? fileURLToPath(uri) : undefined);
  const textOf = (abs: string) => {
    const open = documents.get(pathToFileURL(abs).href);
    if (open) return open.getText();
    try {
      return readFileSync(abs, 'utf8');
    } catch {
      return '';
    }
  };

  function toLsp(root: string, d: Diagnostic, lines: Map<string, string[]>): LspDiagnostic {
    let fileLines = lines.get(d.file);
    if (!fileLines) lines.set(d.file, (fileLines = textOf(join(root, d.file)).split(/\r?\n/)));
    const lineText = fileLines[d.line - 1];
    return {
      range: range(d, lineText),
      severity: d.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
      code: d.rule,
      source: 'track',
      message: d.hint ? `${d.message}\nhint: ${d.hint}` : d.message,
      data: { rule: d.rule, message: d.message, ...(d.hint ? { hint: d.hint } : {}) },
    };
  }

  async function check(root: string): Promise<void> {
    const entry = state.get(root)!;
    const open = new Map<string, string>();
    for (const doc of documents.all()) {
      const abs = pathOf(doc.uri);
      if (abs && !relative(root, abs).startsWith('..')) open.set(abs, doc.getText());
    }
    const result = await validateLive(root, options.today(), open);
    if (result.workspace) entry.workspace = result.workspace;
    const byFile = new Map<string, Diagnostic[]>();
    for (const d of result.diagnostics) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
    const files = new Set([...entry.published, ...byFile.keys(), ...[...open.keys()].map((abs) => relative(root, abs).split(sep).join('/'))]);
    const lines = new Map<string, string[]>();
    const openFiles = new Set([...open.keys()].map((abs) => relative(root, abs).split(sep).join('/')));
    for (const file of files) {
      const diagnostics = (byFile.get(file) ?? []).map((d) => toLsp(root, d, lines));
      // A file the editor has open always hears back; any other only when its problems changed.
      const key = JSON.stringify(diagnostics);
      if (!openFiles.has(file) && entry.sent.get(file) === key) continue;
      entry.sent.set(file, key);
      await connection.sendDiagnostics({ uri: pathToFileURL(join(root, file)).href, diagnostics });
    }
    entry.published = new Set(byFile.keys());
  }

  /** Check a workspace now, or once more when the check running now is done. */
  function schedule(root: string): Promise<void> {
    let entry = state.get(root);
    if (!entry) state.set(root, (entry = { published: new Set(), sent: new Map(), again: false }));
    if (entry.running) {
      entry.again = true;
      return entry.running;
    }
    const run = async () => {
      try {
        do {
          entry.again = false;
          await check(root);
        } while (entry.again);
      } catch (error) {
        connection.console.error(`track could not check ${root}: ${(error as Error).message}`);
      } finally {
        entry.running = undefined;
      }
    };
    entry.running = run();
    return entry.running;
  }

  function changed(uri: string): void {
    const abs = pathOf(uri);
    if (!abs) return;
    const root = findWorkspaceRoot(dirname(abs));
    if (root === undefined) {
      void connection.sendDiagnostics({ uri, diagnostics: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, severity: DiagnosticSeverity.Warning, code: 'no-workspace', source: 'track', message: NO_WORKSPACE }] });
      return;
    }
    void schedule(root);
  }

  async function workspaceAt(uri: string): Promise<{ workspace: Workspace; kind: RecordKind } | undefined> {
    const abs = pathOf(uri);
    const root = abs ? findWorkspaceRoot(dirname(abs)) : undefined;
    if (!abs || !root) return undefined;
    if (!state.get(root)?.workspace) await schedule(root);
    const workspace = state.get(root)?.workspace;
    return workspace ? { workspace, kind: abs.endsWith(`${sep}source.md`) ? 'source' : 'item' } : undefined;
  }

  connection.onInitialize(() => ({
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: true },
      completionProvider: { triggerCharacters: [' ', '[', ',', '-'] },
      hoverProvider: true,
    },
    serverInfo: { name: 'track' },
  }));
  // Opening a document fires onDidChangeContent too.
  documents.onDidChangeContent((e) => changed(e.document.uri));
  documents.onDidSave((e) => {
    const abs = pathOf(e.document.uri);
    const root = abs ? findWorkspaceRoot(dirname(abs)) : undefined;
    if (root) forgetHistory(root);
    changed(e.document.uri);
  });
  // A closed file is read from disk again: its saved text may differ from the unsaved.
  documents.onDidClose((e) => changed(e.document.uri));
  connection.onCompletion(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    const at = doc ? await workspaceAt(doc.uri) : undefined;
    if (!doc || !at) return [];
    return suggest(doc.getText(), params.position.line, params.position.character, at.kind, at.workspace).map((s) => ({
      label: s.label,
      kind: KINDS[s.kind],
      ...(s.detail ? { detail: s.detail } : {}),
      ...(s.insertText ? { insertText: s.insertText } : {}),
    }));
  });
  connection.onHover(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    const at = doc ? await workspaceAt(doc.uri) : undefined;
    const text = doc && at ? describeOwner(doc.getText(), params.position.line, params.position.character, at.workspace) : undefined;
    return text ? { contents: { kind: 'markdown', value: text } } : null;
  });
  documents.listen(connection);
  connection.listen();
}
