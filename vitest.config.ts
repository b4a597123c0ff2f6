import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One throwaway PostgreSQL server for the store's tests on PostgreSQL (skipped where none starts).
    globalSetup: ['test/postgres/globalSetup.ts'],
    // Two files at a time on two cores (Vitest's default is one fewer than the cores): most of the
    // slow files wait on child processes and sockets. The suite takes about 125 s here; 166 s before
    // its child processes ran the bundled scripts, as npm does (see test/runCli.ts).
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
