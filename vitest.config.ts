import { defineConfig } from 'vitest/config';

// Two tiers: unit (pure functions, no servers) and integration (the core
// against real S3 servers on loopback, started once by the global setup).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          // Not a speed limit: the first lint of a file builds ESLint's TypeScript program, which on
          // two busy cores can take longer than Vitest's default 5 s.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts', 'e2e/servers/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['./e2e/servers/vitest-global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Two cores: files run one at a time so server-heavy tests do not starve each other.
          fileParallelism: false,
        },
      },
    ],
  },
});
