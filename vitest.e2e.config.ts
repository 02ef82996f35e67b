import './test/support/node20.ts';
import { defineConfig } from 'vitest/config';

const LANES: Record<string, string> = {
  chromium: 'test/e2e/*.e2e.ts',
  prod: 'test/e2e/prod/**/*.e2e.ts',
  firefox: 'test/e2e/firefox/**/*.e2e.ts',
};

// Real Chromium with the built extension; one browser at a time on a 2-core machine.
export default defineConfig({
  test: {
    // Lanes (GLIMPSE_LANE): chromium, the e2e build with <all_urls> (test/e2e/*.e2e.ts); prod, the production
    // permissions (test/e2e/prod/); firefox, Firefox ESR over WebDriver BiDi (test/e2e/firefox/).
    include: [LANES[process.env.GLIMPSE_LANE ?? 'chromium'] ?? 'unknown GLIMPSE_LANE'],
    // The Firefox lane's files share one browser (launching Firefox is the slow part).
    globalSetup: process.env.GLIMPSE_LANE === 'firefox' ? ['test/e2e/firefox/global-setup.ts'] : [],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // A real browser on a shared 2-core machine: vitest's 1 s default for expect.poll flakes under load.
    expect: { poll: { timeout: 10_000 } },
    fileParallelism: false,
    pool: 'forks',
  },
});
