import { defineConfig } from 'vitest/config';

// The end-to-end suite against the real Claude Code CLI (`npm run e2e`); not part of `npm test`.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 900_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
