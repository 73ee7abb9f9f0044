/** Called by the build once dist/ is written. */
export function recordBuild(root: string): void;
/** dist/ was built by scripts/build.mjs from the sources as they are now, and nothing has rewritten it since. */
export function builtFromSources(root: string): boolean;
