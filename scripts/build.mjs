#!/usr/bin/env node
// Build dist/: the CLI as one bundle, with a chunk per lazily loaded command.
// One file to load instead of some seventy modules takes a third off start-up,
// and zod, imported as a namespace, is shaken down to the parts track uses.
// Heavy libraries stay outside the bundle, loaded only by the commands that
// use them.
//
// The build id, a hash of the sources, the lockfile and this script, keys the
// caches in .track/cache/: a rebuilt or upgraded track never trusts an old cache.

import { build } from 'esbuild';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { recordBuild, sourceHash } from './dist-stamp.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

// One hash names what dist/ is built from: the build id, and the stamp the test setup checks.
const hash = sourceHash(root);

rmSync(join(root, 'dist'), { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: ['src/cli/main.ts'],
  outbase: 'src',
  outdir: 'dist',
  bundle: true,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Loaded only by the commands that need them (reports, PDF, spreadsheets, the writer, the language server; resvg has a native binary).
  // ECharts is bundled: its chart chunk loads in one file rather than hundreds of modules.
  external: ['liquidjs', 'marked', 'playwright-core', 'exceljs', 'csv-parse', 'yaml', '@resvg/resvg-js', 'vscode-languageserver', 'vscode-languageserver-textdocument'],
  // Bundled CommonJS (commander) asks for Node's built-ins with require().
  banner: { js: "import { createRequire as __trackRequire } from 'node:module'; const require = __trackRequire(import.meta.url);" },
  define: { __TRACK_BUILD__: JSON.stringify(hash.slice(0, 16)) },
  metafile: true,
  logLevel: 'warning',
});

// The bundle holds copies of these packages: keep their licences beside it.
const packages = new Set();
for (const input of Object.keys(result.metafile.inputs)) {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (match) packages.add(match[1]);
}
const notices = [...packages].sort().map((name) => {
  const dir = join(root, 'node_modules', name);
  const file = readdirSync(dir).find((f) => /^licen[cs]e/i.test(f));
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const text = file && existsSync(join(dir, file)) ? readFileSync(join(dir, file), 'utf8').trim() : '(no licence file in the package)';
  return `${name} ${version}\n${'-'.repeat(name.length + version.length + 1)}\n${text}\n`;
});
writeFileSync(join(root, 'dist', 'THIRD-PARTY-LICENCES.txt'), `Packages bundled into dist/ by scripts/build.mjs, and their licences.\n\n${notices.join('\n')}`);
recordBuild(root, hash);
