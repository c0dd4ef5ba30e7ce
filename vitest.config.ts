import { defineConfig } from 'vitest/config';

// End-to-end tests (test/e2e) run the built binary: `npm test` builds dist/ first, and the
// global setup builds it when it is missing. Temp dirs are removed by test/support/setup.ts.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The real-OpenClaw suite has its own config and command (vitest.openclaw.config.ts, npm run test:openclaw).
    exclude: ['test/openclaw/**', 'node_modules/**'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    setupFiles: ['test/support/setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    teardownTimeout: 5_000,
    // The fake servers and child processes must never keep the run alive.
    pool: 'forks',
    // Two files at a time: most tests wait on sockets and child processes, not the CPU (2 cores in
    // CI; the default of one worker there ran the suite in 62 s, two in 37 s).
    maxWorkers: 2,
    restoreMocks: true,
    unstubEnvs: true,
  },
});
