import { defineConfig } from 'vitest/config';

// Two groups, one after the other: every test file in parallel, then the browser test alone
// (headless Chromium takes both cores for a few seconds; beside it, the time-boxed fuzz
// suites ran out of time on a busy machine).
export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 20_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'flere', include: ['test/**/*.test.ts'], exclude: ['test/**/*.browser.test.ts'], sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'browser', include: ['test/**/*.browser.test.ts'], sequence: { groupOrder: 1 } } },
    ],
  },
});
