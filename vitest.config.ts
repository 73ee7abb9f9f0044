import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    // Tests run the built CLI; build once before any test file starts.
    globalSetup: ['tests/global-setup.ts'],
  },
});
