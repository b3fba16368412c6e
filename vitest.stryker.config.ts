import { defineConfig } from 'vitest/config';

// The unit tests that exercise the mutated files (stryker.harden.config.json); no servers.
export default defineConfig({
  test: {
    include: [
      'tests/unit/guards.test.ts',
      'tests/unit/key-names.test.ts',
      'tests/unit/transfer-destination.test.ts',
      'tests/unit/local-target.test.ts',
      'tests/unit/list-parser.test.ts',
      'tests/unit/list-parser-conformance.test.ts',
      'tests/unit/transfer-journal.test.ts',
      'tests/unit/transfer-journal-records.test.ts',
      'tests/unit/journal-restore.test.ts',
      'tests/unit/transfer-hashing.test.ts',
      'tests/unit/transfer-parts.test.ts',
    ],
    environment: 'node',
    testTimeout: 30_000,
  },
});
