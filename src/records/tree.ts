// Finding the record files of a workspace, and the problems of the tree's
// shape. Reads no file, so commands that only need the list (a remembered
// answer's fingerprint) load nothing heavier.

import { existsSync, readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { Diagnostic } from './diagnostic.js';

export const RECORDS_DIR = 'records';
export const MEETINGS_FILE = 'meetings.yaml';
export const SOURCE_FILE = 'source.md';

const NAME_RE = /^[a-z0-9][a-z0-9-]*$/;

/** A record file found in the tree, before it is read. */
export interface RecordFileRef {
  absPath: string;
  /** Workspace-relative path, with forward slashes. */
  path: string;
  kind: 'source' | 'item';
  /** The source folder name, lower case. */
  source: string;
  /** For an item, its id ("leeds-cd-2007/r1"); for a source, the source id. */
  id: string;
  size?: number;
  mtimeMs?: number;
}

export interface RecordTree {
  files: readonly RecordFileRef[];
  diagnostics: Diagnostic[];
  /**
   * The folders read, workspace-relative ("records", then each source folder),
   * when the listing follows from their entries alone: none of them holds a
   * link, a sub-folder or an entry that is neither file nor folder. Creating,
   * removing or renaming an entry changes its folder's times, so while each
   * folder's stamp is unchanged the listing is too. Undefined otherwise.
   */
  folders?: string[];
}

export interface ListOptions {
  /** Called with each folder's absolute path just before it is read, so that a stamp taken there is never newer than the listing. */
  beforeReading?: (absPath: string) => void;
}

const layout = (file: string, rule: string, message: string, hint: string): Diagnostic => ({
  rule,
  severity: 'error',
  file,
  line: 1,
  column: 1,
  message,
  hint,
});

function badName(path: string, name: string, what: string): Diagnostic {
  return layout(
    path,
    'bad-name',
    `the ${what} name "${name}" uses characters ids cannot have`,
    'use only lower-case letters, digits and hyphens, starting with a letter or digit (for example r7.md)',
  );
}

/** What a symbolic link or an odd entry really is, when track may follow it. */
type Kind = 'file' | 'folder' | 'refused';

/**
 * A record may be a link only when it leads to a file or folder inside the
 * workspace; a FIFO, socket or device is never opened (reading a FIFO waits
 * for ever). The refusal is a diagnostic of the entry.
 */
function kindOf(entry: Dirent, abs: string, rel: string, realRoot: () => string, diagnostics: Diagnostic[]): Kind {
  if (entry.isFile()) return 'file';
  if (entry.isDirectory()) return 'folder';
  if (entry.isSymbolicLink()) {
    let real: string;
    try {
      real = realpathSync(abs);
    } catch {
      diagnostics.push(layout(rel, 'unsafe-file', 'it is a symbolic link to nothing, so it is not read', 'remove the link, or point it at a file in the workspace'));
      return 'refused';
    }
    const inside = relative(realRoot(), real);
    if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
      diagnostics.push(layout(rel, 'unsafe-file', `it is a symbolic link to ${real}, outside the workspace, so it is not read`, 'copy the file into the workspace instead of linking to it'));
      return 'refused';
    }
    const st = statSync(real, { throwIfNoEntry: false });
    if (st?.isFile()) return 'file';
    if (st?.isDirectory()) return 'folder';
  }
  diagnostics.push(layout(rel, 'unsafe-file', 'it is not a regular file (a FIFO, socket or device), so it is not read', 'replace it with an ordinary file'));
  return 'refused';
}

/** Every record file under records/, and the problems of the tree's shape. */
export function listRecordFiles(root: string, options: ListOptions = {}): RecordTree {
  const files: RecordFileRef[] = [];
  const diagnostics: Diagnostic[] = [];
  const recordsDir = join(root, RECORDS_DIR);
  const folders = [RECORDS_DIR];
  let plain = true;
  options.beforeReading?.(recordsDir);
  if (!existsSync(recordsDir)) return { files, diagnostics, folders };
  let realRootPath: string | undefined;
  const realRoot = () => (realRootPath ??= realpathSync(root));
  const entries = readdirSync(recordsDir, { withFileTypes: true }).sort(byName);
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const rel = `${RECORDS_DIR}/${entry.name}`;
    if (!entry.isFile() && !entry.isDirectory()) plain = false;
    const isFolder = entry.isDirectory() || (entry.isSymbolicLink() && kindOf(entry, join(recordsDir, entry.name), rel, realRoot, diagnostics) === 'folder');
    if (!isFolder) {
      if (entry.isFile() && entry.name.endsWith('.md')) {
        diagnostics.push(layout(rel, 'misplaced-file', 'a record file directly in records/ is not read', 'move it into the folder of its source, as records/<source>/<item>.md'));
      }
      continue;
    }
    const folder = entry.name;
    const source = folder.toLowerCase();
    if (!NAME_RE.test(folder)) diagnostics.push(badName(rel, folder, 'folder'));
    let hasSource = false;
    const items: RecordFileRef[] = [];
    // Names from readdir hold no separator, so plain concatenation (not join) is
    // exact, and on 100,000 files markedly quicker.
    const folderDir = `${recordsDir}${sep}${folder}`;
    folders.push(rel);
    options.beforeReading?.(folderDir);
    for (const child of readdirSync(folderDir, { withFileTypes: true })) {
      if (child.name.startsWith('.')) continue;
      const childRel = `${rel}/${child.name}`;
      // What a sub-folder or a link holds can change with no change to this folder.
      if (!child.isFile()) plain = false;
      // Only a link, or something that is neither a file nor a folder, costs a look: ordinary entries are known from readdir.
      const kind = child.isFile() ? 'file' : child.isDirectory() ? 'folder' : child.name.endsWith('.md') ? kindOf(child, `${folderDir}${sep}${child.name}`, childRel, realRoot, diagnostics) : 'refused';
      if (kind === 'refused') continue;
      if (kind === 'folder') {
        if (containsMarkdown(`${folderDir}${sep}${child.name}`)) {
          diagnostics.push(layout(childRel, 'misplaced-file', 'record files in a sub-folder of a source are not read', `keep items directly in ${rel}/`));
        }
        continue;
      }
      if (!child.name.endsWith('.md')) continue;
      const ref = fileRef(`${folderDir}${sep}${child.name}`, childRel, source, child.name);
      if (ref.kind === 'source') {
        hasSource = true;
        files.push(ref);
        continue;
      }
      if (!NAME_RE.test(child.name.slice(0, -3))) diagnostics.push(badName(childRel, child.name, 'file'));
      items.push(ref);
    }
    if (!hasSource && items.length > 0) {
      diagnostics.push(layout(rel, 'no-source', `the folder ${rel} has items but no source.md`, `add ${rel}/source.md with the title and date of the report or meeting that made them`));
    }
    files.push(...items);
  }
  return plain ? { files, diagnostics, folders } : { files, diagnostics };
}

/** A record file's ref, from its folder's (lower-case) source name and its own file name. */
function fileRef(absPath: string, path: string, source: string, name: string): RecordFileRef {
  return { absPath, path, ...namesOf(source, name) };
}

/** What a record file is and names, from its folder's (lower-case) source name and its own file name. */
function namesOf(source: string, name: string): RecordNames {
  return name === SOURCE_FILE ? { kind: 'source', source, id: source } : { kind: 'item', source, id: `${source}/${name.slice(0, -3).toLowerCase()}` };
}

/** What a record file is and the ids it gives. */
export type RecordNames = Pick<RecordFileRef, 'kind' | 'source' | 'id'>;

/** What the record file at a workspace-relative path ("records/cd/r1.md") would be and name, read or not; undefined for a path no record can have. */
export function namesOfPath(path: string): RecordNames | undefined {
  const [top, folder, name, ...rest] = path.split('/');
  if (top !== RECORDS_DIR || !folder || !name?.endsWith('.md') || rest.length > 0) return undefined;
  return namesOf(folder.toLowerCase(), name);
}

/** Where a workspace-relative path ("records/cd/r1.md") is. */
export function absPathOf(root: string, path: string): string {
  return sep === '/' ? `${root}/${path}` : join(root, path);
}

/**
 * The listing of an earlier run, as kept with its folders' stamps: its files'
 * refs are made only when asked for.
 */
export class KeptTree implements RecordTree {
  private refs: RecordFileRef[] | undefined;

  constructor(
    private readonly root: string,
    readonly paths: readonly string[],
    readonly diagnostics: Diagnostic[],
    readonly folders: string[],
  ) {}

  get files(): readonly RecordFileRef[] {
    return (this.refs ??= this.paths.map((path) => ({ absPath: absPathOf(this.root, path), path, ...namesOfPath(path)! })));
  }
}

function byName(a: Dirent, b: Dirent): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function containsMarkdown(dir: string): boolean {
  return readdirSync(dir, { withFileTypes: true }).some((e) => (e.isDirectory() ? containsMarkdown(join(dir, e.name)) : e.name.endsWith('.md')));
}
