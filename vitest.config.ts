import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    env: { PACT_DO_NOT_TRACK: 'true' },
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'] } },
      { extends: true, test: { name: 'contracts-consumer', include: ['contracts/consumer/**/*.test.ts'] } },
      // Verifies and validates the pacts the consumer project writes, so it runs after every
      // project of group 0 has finished (vitest `sequence.groupOrder`).
      { extends: true, test: { name: 'contracts-provider', include: ['contracts/provider/**/*.test.ts'], sequence: { groupOrder: 1 } } },
    ],
  },
});
