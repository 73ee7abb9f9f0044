import { defineConfig } from 'vitest/config';
import { SlowFirst } from './tests/sequencer.js';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    // The end-to-end tests run the built CLI; the setup builds dist/ when its sources have changed.
    globalSetup: ['tests/global-setup.ts'],
    // A worker per core: vitest's default leaves a core to its main process, which here only waits, so
    // on a 2-core machine the files ran one at a time.
    maxWorkers: '100%',
    // Files share their worker's loaded modules: loading the sources, liquidjs, ExcelJS, ECharts and the
    // rest afresh for every file took about 40% of the CPU time of the in-process tests (measured on 44
    // files, one worker: 74-81 s against 46-48 s). No test mocks a module or keeps state in one, and
    // runTrack puts back what a command changes in the process (tests/cli-e2e.test.ts checks it).
    isolate: false,
    // The tests that hold a memory bound collect garbage first: with the flag given at start-up, as
    // setting V8's flags in a running process may crash it (Node's own warning for v8.setFlagsFromString).
    execArgv: ['--expose-gc'],
    // Files that take seconds start first (tests/sequencer.ts), so none of them starts last on a fresh clone.
    tags: [{ name: 'slow', description: 'a file that takes seconds: it waits on npm, LibreOffice, Chromium, child processes or a time limit' }],
    sequence: { sequencer: SlowFirst },
  },
});
