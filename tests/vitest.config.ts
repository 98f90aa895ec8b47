import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: [
      'tests/unit/**/*.test.ts',
      'tests/integration/**/*.test.ts',
      'tests/site/**/*.test.ts',
      'tests/browser/**/*.test.ts',
      'tests/output/**/*.test.ts',
      'tests/search/**/*.test.ts',
      'tests/build/**/*.test.ts',
    ],
    testTimeout: 30_000,
    // Site tests build a fixture site once per file, in beforeAll.
    hookTimeout: 300_000,
  },
});
