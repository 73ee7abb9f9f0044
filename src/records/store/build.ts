// Which build of track made a cache: a cache from another build is not used.

import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Set by scripts/build.mjs to a hash of the sources; absent when the sources run directly (tests).
declare const __TRACK_BUILD__: string | undefined;

/** Changes whenever track is rebuilt or upgraded: the build's hash of its sources. */
export const BUILD_KEY: string =
  typeof __TRACK_BUILD__ === 'string'
    ? __TRACK_BUILD__
    : (() => {
        // From the sources: this file's own time, which moves with every edit worth a new cache.
        try {
          return `src-${statSync(fileURLToPath(import.meta.url)).mtimeMs}`;
        } catch {
          return 'unknown';
        }
      })();
