#!/usr/bin/env node
// npm runs this ("prepare") after `npm install` in a clone, on `npm pack`, and
// when it installs track from a git URL; it builds dist/. A global install
// from a git URL (`npm install -g git+https://…`) runs it without the
// devDependencies it promises (npm/cli#8440), so then esbuild, the one
// build tool, is fetched into this folder first, at the version package.json
// names.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(`${root}package.json`);

function hasEsbuild() {
  try {
    require.resolve('esbuild');
    return true;
  } catch {
    return false;
  }
}

if (!hasEsbuild()) {
  const { devDependencies } = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
  const env = { ...process.env };
  // Inherited from `npm install -g`: would install esbuild globally, not here.
  for (const key of Object.keys(env)) if (/^npm_config_(global|prefix|location)$/i.test(key)) delete env[key];
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const args = ['install', '--no-save', '--no-package-lock', '--ignore-scripts', '--no-audit', '--no-fund', '--global=false', `esbuild@${devDependencies.esbuild}`];
  const result = spawnSync(npm, args, { cwd: root, env, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0 || !hasEsbuild()) {
    process.stderr.write('track cannot be built here: npm could not fetch esbuild. Install from a packed tarball instead (npm pack in a copy of the repository).\n');
    process.exit(1);
  }
}

await import('./build.mjs');
