import { defineConfig } from 'vitest/config';

// The integration tests that drive the item runner's write, verify and move steps on the real servers, for a
// focused mutation run over that part of the runner (stryker.item-runner.config.json): it has no unit tests,
// because what it guards only shows against a server.
export default defineConfig({
  test: {
    include: [
      'tests/integration/item-runner-moves.test.ts',
      'tests/integration/move-integrity.test.ts',
      'tests/integration/transfer-local.test.ts',
    ],
    environment: 'node',
    globalSetup: ['./e2e/servers/vitest-global-setup.ts'],
    testTimeout: 90_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
