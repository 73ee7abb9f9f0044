// Liquid set up to run a template someone else wrote: files only from the
// template folders, strict variables and filters, own properties only, and
// limits on time, memory and size. Template problems become one clear message.

import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { Liquid, type FS } from 'liquidjs';
import { Refusal, TrackError } from '../errors.js';
import { PACKAGE_ROOT } from '../paths.js';
import type { Config } from '../records/model.js';
import { registerFilters } from './filters.js';
import { registerChartFilter, type Figures } from './charts/figures.js';
import { PAPER_MAX_CHARS } from '../records/markdown-limits.js';

export const TEMPLATE_EXT = '.md.liquid';
/** The built-in templates ship in the package's templates/ folder. */
export const BUILT_IN_DIR = join(PACKAGE_ROOT, 'templates');
const NAME_RE = /^[a-z0-9][a-z0-9_-]*$/i;
/** The longest a render may take, in milliseconds, as docs/templates.md says. */
export const RENDER_LIMIT_MS = 5_000;

export interface EngineOptions {
  /** The workspace root: its templates/ folder comes before the built-ins. */
  root: string;
  config: Config;
  /** Longest a render may take, in milliseconds (default RENDER_LIMIT_MS; tests prove the limit with a small one). */
  renderLimitMs?: number;
  /** Where placed charts are collected, for formats that draw them; without it a chart is its caption and table only. */
  figures?: Figures;
}

export interface TemplateInfo {
  name: string;
  origin: 'built-in' | 'workspace';
  /** Absolute path of the template file. */
  path: string;
  /** The first line of the template's opening {% comment %}, if any. */
  description: string;
  /** A workspace template that replaces a built-in of the same name. */
  overrides: boolean;
  /** Why a workspace template is never read: a link leaving the workspace, or not a regular file. */
  refused?: string;
}

/** Why a workspace template may not be read, if it may not: it must be a file inside the workspace. */
function templateRefusal(root: string, path: string, shown: string): string | undefined {
  const entry = lstatSync(path, { throwIfNoEntry: false });
  if (entry?.isFile()) return undefined;
  if (entry?.isSymbolicLink()) {
    let real: string | undefined;
    try {
      real = realpathSync(path);
    } catch {
      real = undefined;
    }
    const inside = real !== undefined ? relative(realpathSync(root), real) : '..';
    if (real === undefined || inside.startsWith('..') || isAbsolute(inside)) {
      return `${shown} is a symbolic link to ${real ?? 'nothing'}, outside the workspace, so track does not read it; copy the template into templates/ instead.`;
    }
    if (statSync(real).isFile()) return undefined;
  }
  return `${shown} is not a regular file (a FIFO, socket or device), so track does not read it; replace it with an ordinary file.`;
}

function templateFolders(root: string): string[] {
  return [join(root, 'templates'), BUILT_IN_DIR];
}

/** Every template there is: the workspace's own first, then the built-ins it does not override. */
export function listTemplates(root: string): TemplateInfo[] {
  const [own, builtIn] = templateFolders(root) as [string, string];
  const read = (dir: string, origin: TemplateInfo['origin']) =>
    (existsSync(dir) ? readdirSync(dir) : [])
      .filter((f) => f.endsWith(TEMPLATE_EXT) && NAME_RE.test(f.slice(0, -TEMPLATE_EXT.length)))
      .sort()
      .map((f): TemplateInfo => {
        const path = join(dir, f);
        const refused = origin === 'workspace' ? templateRefusal(root, path, `templates/${f}`) : undefined;
        const info: TemplateInfo = { name: f.slice(0, -TEMPLATE_EXT.length), origin, path, description: refused ? '' : describe(path), overrides: false };
        if (refused) info.refused = refused;
        return info;
      });
  const builtIns = read(builtIn, 'built-in');
  const mine = resolve(own) === resolve(builtIn) ? [] : read(own, 'workspace');
  const names = new Set(mine.map((t) => t.name));
  for (const t of mine) t.overrides = builtIns.some((b) => b.name === t.name);
  return [...mine, ...builtIns.filter((b) => !names.has(b.name))].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function describe(path: string): string {
  const match = /^\s*\{%-?\s*comment\s*-?%\}\s*([^\n]*)/.exec(readFileSync(path, 'utf8'));
  return match?.[1]?.replace(/\{%-?\s*endcomment\s*-?%\}.*$/, '').trim() ?? '';
}

/** The template a name means, or a Refusal listing the templates there are. */
export function findTemplate(root: string, name: string): TemplateInfo {
  const bare = name.replace(/\.md\.liquid$|\.liquid$/, '');
  const all = listTemplates(root);
  const found = all.find((t) => t.name === bare);
  if (!found) {
    throw new Refusal(`No template is called "${name}". The templates are: ${all.map((t) => t.name).join(', ')}. Add your own as templates/${bare}${TEMPLATE_EXT}.`);
  }
  if (found.refused) throw new Refusal(found.refused);
  return found;
}

/** Resolves inside the given folders only, following symlinks, so no template reaches other files. */
function confinedFs(loaded: Map<string, string>): FS {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return undefined;
    }
  };
  const containsSync = (root: string, file: string) => {
    const r = real(root);
    const f = real(file);
    return r !== undefined && f !== undefined && f.startsWith(r + sep) && f.endsWith('.liquid');
  };
  const isFile = (p: string) => statSync(p, { throwIfNoEntry: false })?.isFile() === true;
  const readFileSync_ = (p: string) => {
    const text = readFileSync(p, 'utf8');
    loaded.set(p, text);
    return text;
  };
  return {
    resolve: (dir, file, ext) => resolve(dir, file.endsWith(ext) ? file : file + ext),
    existsSync: isFile,
    exists: async (p) => isFile(p),
    readFileSync: readFileSync_,
    readFile: async (p) => {
      const text = await readFile(p, 'utf8');
      loaded.set(p, text);
      return text;
    },
    containsSync,
    contains: async (root, file) => containsSync(root, file),
    dirname,
    sep,
  };
}

/** Render a template over the report model to Markdown. */
export async function renderTemplate(template: TemplateInfo, model: object, options: EngineOptions): Promise<string> {
  const folders = templateFolders(options.root);
  const loaded = new Map<string, string>();
  const liquid = new Liquid({
    root: folders,
    partials: folders.map((f) => join(f, 'partials')),
    layouts: folders.map((f) => join(f, 'layouts')),
    extname: '.liquid',
    fs: confinedFs(loaded),
    relativeReference: false,
    strictVariables: true,
    strictFilters: true,
    ownPropertyOnly: true,
    jsTruthy: false,
    renderLimit: options.renderLimitMs ?? RENDER_LIMIT_MS,
    memoryLimit: 50_000_000,
    parseLimit: 10_000_000,
    cache: true,
  });
  registerFilters(liquid, options.config);
  registerChartFilter(liquid, options.figures);
  try {
    // Synchronous rendering: the same limits, without a promise per tag (3× faster on big papers).
    const parsed = liquid.parse(readTemplate(template, loaded), template.path);
    const output = liquid.renderSync(parsed, model) as string;
    if (output.length > PAPER_MAX_CHARS) {
      throw new Refusal(`The template ${template.name} made a paper of ${output.length.toLocaleString('en-GB')} characters, more than the ${PAPER_MAX_CHARS.toLocaleString('en-GB')} track writes; check the template's loops.`);
    }
    return tidy(output);
  } catch (error) {
    throw templateError(error, template, loaded, options);
  }
}

function readTemplate(template: TemplateInfo, loaded: Map<string, string>): string {
  const text = readFileSync(template.path, 'utf8');
  loaded.set(template.path, text);
  return text;
}

/** Liquid tags leave blank lines; a paper has at most one between blocks. (Trailing spaces on text lines are Markdown line breaks: kept.) */
function tidy(markdown: string): string {
  return `${markdown.replace(/^[ \t]+$/gm, '').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

interface LiquidErrorLike extends Error {
  token?: { input?: string; begin?: number };
  originalError?: Error;
}

function templateError(error: unknown, template: TemplateInfo, loaded: Map<string, string>, options: EngineOptions): Error {
  if (error instanceof TrackError || !(error instanceof Error)) return error as Error;
  const e = error as LiquidErrorLike;
  // Liquid names no file; the token's text tells which template or partial it was.
  const input = e.token?.input;
  const file = [...loaded].find(([, text]) => text === input)?.[0] ?? template.path;
  const where = displayPath(file, options.root);
  const pos = /line:(\d+), col:(\d+)/.exec(e.message);
  const at = pos ? `${where}:${pos[1]}:${pos[2]}` : where;
  const message = (e.originalError?.message ?? e.message).replace(/, line:\d+, col:\d+$/, '');
  const limit = options.renderLimitMs ?? RENDER_LIMIT_MS;
  let text: string;
  if (e.name === 'UndefinedVariableError' || /^undefined variable/.test(message)) {
    const variable = /undefined variable: (.+)$/.exec(message)?.[1] ?? '?';
    text = `${at}: the template uses "${variable}", which the report has no value called. Check the spelling (docs/templates.md lists every name).`;
  } else if (/render limit exceeded/.test(message)) {
    text = `${at}: the template took longer than ${limit / 1000} s to render and was stopped. Look for a loop that never ends or is far too long.`;
  } else if (/memory alloc limit exceeded/.test(message)) {
    text = `${at}: the template asked for more memory than a paper needs (a huge range or string) and was stopped.`;
  } else if (/parse length limit exceeded/.test(message)) {
    text = `${at}: the template is too large to read.`;
  } else if (/ENOENT|Failed to lookup/.test(message)) {
    const wanted = /lookup "([^"]*)"/.exec(message)?.[1] ?? '';
    text = `${at}: cannot include "${wanted}": a template may only use files ending in .liquid inside templates/, templates/partials/ and templates/layouts/ (of the workspace or built in).`;
  } else if (/^Invalid string length$/.test(message)) {
    text = `${at}: the template made more text than a paper can hold and was stopped. Look for a loop inside a loop, or one that is far too long.`;
  } else if (/^Maximum call stack size exceeded$/.test(message)) {
    text = `${at}: the template includes itself (or a partial that includes it) without end and was stopped. Give the include a way to stop.`;
  } else if (/undefined filter/.test(message)) {
    text = `${at}: ${message}. The filters are listed in docs/templates.md.`;
  } else {
    text = `${at}: ${message}.`;
  }
  return new Refusal(`Template error in ${template.name}: ${text}`);
}

function displayPath(file: string, root: string): string {
  if (file.startsWith(BUILT_IN_DIR)) return `built-in templates/${relative(BUILT_IN_DIR, file).split(sep).join('/')}`;
  const rel = relative(root, file);
  return rel.startsWith('..') ? file : rel.split(sep).join('/');
}
