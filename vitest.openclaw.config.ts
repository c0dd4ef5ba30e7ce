import { defineConfig } from 'vitest/config';

// The suite against real OpenClaw releases (test/openclaw, `npm run test:openclaw`), apart from
// `npm test`: it needs the releases that scripts/install-openclaw.mjs caches, and each case runs
// OpenClaw for seconds of CPU. Two cases at a time: OpenClaw is CPU-bound and CI has two cores.
export default defineConfig({
  test: {
    include: ['test/openclaw/**/*.test.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    setupFiles: ['test/support/setup.ts'],
    testTimeout: 300_000,
    hookTimeout: 60_000,
    maxConcurrency: 2,
    pool: 'forks',
  },
});
