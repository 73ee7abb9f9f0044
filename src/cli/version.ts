import { readFileSync } from 'node:fs';

/** The version in package.json (dist/cli/ and src/cli/ are both two levels down). */
export const VERSION: string = (() => {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
})();
