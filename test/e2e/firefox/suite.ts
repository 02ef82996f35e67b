import { afterAll, beforeAll, beforeEach } from 'vitest';
import { FakeProvider } from '../../support/fake-provider';
import { launchFirefox, type FfSession } from './harness';

export interface FfSuite {
  s: FfSession;
  fake: FakeProvider;
}

/**
 * One Firefox with the built extension and one fake provider per test file (launch is the slow part): `ready`
 * hands them over; before each test the fake is reset and every tab but the control tab is closed.
 */
export function ffSuite(setup: { ready: (env: FfSuite) => void; pages?: (fake: FakeProvider) => void; profileDir?: string }): void {
  let env: FfSuite | undefined;
  beforeAll(async () => {
    const fake = await new FakeProvider().start();
    setup.pages?.(fake);
    env = { fake, s: await launchFirefox({ profileDir: setup.profileDir }) };
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
