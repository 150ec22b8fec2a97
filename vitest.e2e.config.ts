import { defineConfig } from 'vitest/config';

// The end-to-end suites against the real Claude Code CLI and the real OpenClaw agent (`npm run e2e`); not part
// of `npm test`. Each installs its pinned client once into /tmp/agentwarden-e2e and skips, saying why, if it cannot.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 900_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
