import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // 2 cores: more forks only fight over them.
    maxWorkers: 2,
    pool: 'forks',
  },
});
