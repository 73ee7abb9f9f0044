/** A hash of everything dist/ is built from: the sources, the package and its lockfile, and the build script. */
export function sourceHash(root: string): string;
/** Called by the build once dist/ is written, with the hash of what it was built from. */
export function recordBuild(root: string, hash: string): void;
/** dist/ was built by scripts/build.mjs from the sources as they are now, and nothing has rewritten it since. */
export function builtFromSources(root: string): boolean;
