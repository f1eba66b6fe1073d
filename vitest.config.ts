import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    env: { PACT_DO_NOT_TRACK: 'true' },
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, 'test/package/**'] } },
      { extends: true, test: { name: 'contracts-consumer', include: ['contracts/consumer/**/*.test.ts'] } },
      // Verifies and validates the pacts the consumer project writes, so it runs after every
      // project of group 0 has finished (vitest `sequence.groupOrder`).
      { extends: true, test: { name: 'contracts-provider', include: ['contracts/provider/**/*.test.ts'], sequence: { groupOrder: 1 } } },
      // npm pack + npm install is the heaviest step of the run: alone at the end, it slows no
      // timing-sensitive test (the benchmark smoke run) of the groups before it.
      { extends: true, test: { name: 'package', include: ['test/package/**/*.test.ts'], sequence: { groupOrder: 2 } } },
    ],
  },
});
