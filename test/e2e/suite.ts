import { afterAll, beforeAll, beforeEach } from 'vitest';
import { FakeProvider } from '../support/fake-provider';
import { quadrants } from '../support/png';
import { launch, type Session } from './harness';

export interface Suite {
  s: Session;
  fake: FakeProvider;
}

/**
 * One browser with the built extension and one fake provider for a test file: `ready` hands them to the
 * file once started, the fake is reset before each test and `each` runs after that; both close at the end.
 */
export function suite(setup: { ready: (env: Suite) => void; pages?: (fake: FakeProvider) => void; each?: () => Promise<unknown> | void; launch?: Parameters<typeof launch>[0] }): void {
  let env: Suite | undefined;
  beforeAll(async () => {
    const fake = await new FakeProvider().start();
    setup.pages?.(fake);
    env = { fake, s: await launch(setup.launch) };
    setup.ready(env);
  });
  afterAll(async () => {
    await env?.s.close();
    await env?.fake.stop();
  });
  beforeEach(async () => {
    env?.fake.reset();
    await setup.each?.();
  });
}

/** A suite whose pages are one photo at `/img.html` (`/q.png`, 90×60 quadrants), with storage cleared before each test. */
export function imagePageSuite(ready: (env: Suite) => void): void {
  let env: Suite | undefined;
  suite({
    ready: (e) => ready((env = e)),
    pages: (fake) => {
      fake.pages.set('/img.html', { type: 'text/html', body: '<!doctype html><title>Image</title><img src="/q.png">' });
      fake.pages.set('/q.png', { type: 'image/png', body: quadrants(90, 60) });
    },
    each: async () => {
      await env?.s.worker.evaluate(() => (globalThis as any).chrome.storage.local.clear());
    },
  });
}
