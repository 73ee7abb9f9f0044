// The heavy libraries of papers (ECharts, docx, resvg) are loaded only when a
// paper needs them: follow the static imports of the built CLI from its
// entry through a command's chunk, and none of them may be reached.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './helpers.js';

const DIST = join(PROJECT_ROOT, 'dist');
const MAIN = join(DIST, 'cli', 'main.js');

/** Every file a module loads before it runs: its static imports, followed. Bare package names are listed as they are. */
function staticGraph(start: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s*["']([^"']+)["']|^\s*import\s*["']([^"']+)["']/gm)) {
      const spec = (m[1] ?? m[2])!;
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec));
      else packages.add(spec);
    }
  };
  visit(start);
  return { files, packages };
}

function commandChunk(name: string): string {
  const match = new RegExp(`import\\("(\\.\\./chunks/${name}-[A-Z0-9]+\\.js)"\\)`).exec(readFileSync(MAIN, 'utf8'));
  expect(match, `main.js loads the ${name} command lazily`).not.toBeNull();
  return resolve(dirname(MAIN), match![1]!);
}

const loadsEcharts = (files: Set<string>) => [...files].some((f) => readFileSync(f, 'utf8').includes('renderToSVGString'));

describe('lazy loading in the built CLI', () => {
  it.skipIf(!existsSync(MAIN))('track status loads neither ECharts nor docx nor resvg', () => {
    const main = staticGraph(MAIN);
    const status = staticGraph(commandChunk('status'));
    const packages = [...main.packages, ...status.packages];
    expect(packages).not.toContain('docx');
    expect(packages).not.toContain('@resvg/resvg-js');
    expect(packages.filter((p) => p.startsWith('echarts'))).toEqual([]);
    expect(loadsEcharts(new Set([...main.files, ...status.files]))).toBe(false);
  });

  it.skipIf(!existsSync(MAIN))('track report loads them only when a paper draws a chart or is a Word document', () => {
    const report = staticGraph(commandChunk('report'));
    expect([...report.packages]).not.toContain('docx');
    expect([...report.packages]).not.toContain('@resvg/resvg-js');
    expect(loadsEcharts(report.files)).toBe(false);
    // …and the chart code is there, behind a dynamic import.
    expect([...report.files].some((f) => /import\("\.\/svg-[A-Z0-9]+\.js"\)/.test(readFileSync(f, 'utf8')))).toBe(true);
  });

  // js-yaml is bundled: its loader's own words mark the chunk that holds it.
  const loadsYaml = (files: Set<string>) => [...files].some((f) => readFileSync(f, 'utf8').includes('unacceptable kind of an object to dump'));

  it.skipIf(!existsSync(MAIN))('show, validate and status load no YAML parser until a record must be read', () => {
    for (const command of ['show', 'validate', 'status']) {
      const graph = staticGraph(commandChunk(command));
      const main = staticGraph(MAIN);
      expect(loadsYaml(new Set([...main.files, ...graph.files])), command).toBe(false);
      expect([...graph.packages, ...main.packages], command).not.toContain('yaml');
    }
    // …and the parser is there, behind the store's dynamic import.
    expect(loadsYaml(staticGraph(commandChunk('show')).files)).toBe(false);
  });
});
