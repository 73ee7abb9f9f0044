// Writing a command's output file (-o FILE) through the one writer: a
// regular file is replaced whole or not at all; a FIFO or a device is
// written into; a link is followed only inside the workspace.

import { writeFile } from '../write/file.js';

/** Write `content` to the absolute `path`, named in messages as `shown` (the path as the user gave it). */
export function writeOutputFile(path: string, shown: string, content: string | Uint8Array, workspace?: string): void {
  writeFile(path, content, { shown, ...(workspace !== undefined ? { within: workspace } : {}) });
}
