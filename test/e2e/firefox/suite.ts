import { afterAll, beforeAll, beforeEach, inject } from 'vitest';
import { FakeProvider } from '../../support/fake-provider';
import { connectFirefox, launchFirefox, type FfSession } from './harness';

export interface FfSuite {
  s: FfSession;
  fake: FakeProvider;
}

/**
 * The lane's shared Firefox (or, run without the lane's global set-up, one of the file's own) and one fake
 * provider per test file: `ready` hands them over; before each test the fake is reset and every tab but the
 * control tab is closed.
 */
export function ffSuite(setup: { ready: (env: FfSuite) => void; pages?: (fake: FakeProvider) => void }): void {
  let env: FfSuite | undefined;
  beforeAll(async () => {
    const fake = await new FakeProvider().start();
    setup.pages?.(fake);
    const shared = inject('firefox');
    env = { fake, s: shared ? await connectFirefox(shared.endpoint, shared.profileDir) : await launchFirefox() };
    setup.ready(env);
  });
  afterAll(async () => {
    await env?.s.close();
    await env?.fake.stop();
  });
  beforeEach(async () => {
    if (!env) return;
    env.fake.release();
    env.fake.reset();
    for (const p of await env.s.browser.pages()) if (p !== env.s.control) await p.close().catch(() => undefined);
  });
}
