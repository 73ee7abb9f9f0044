// Writing a command's output file (-o FILE) through the one writer: a
// regular file is replaced whole or not at all; a FIFO or a device is
// written into; a link is followed only inside the workspace.

import { resolve } from 'node:path';
import { writeFile } from '../write/file.js';

export function writeOutputFile(path: string, content: string | Uint8Array, workspace?: string): void {
  writeFile(resolve(path), content, { shown: path, ...(workspace !== undefined ? { within: workspace } : {}) });
}
