import './test/support/node20.ts';
import { defineConfig } from 'vitest/config';

// Real Chromium with the built extension; one browser at a time on a 2-core machine.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // A real browser on a shared 2-core machine: vitest's 1 s default for expect.poll flakes under load.
    expect: { poll: { timeout: 10_000 } },
    fileParallelism: false,
    pool: 'forks',
  },
});
