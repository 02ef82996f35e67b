import { afterAll, beforeAll, beforeEach } from 'vitest';
import { FakeProvider } from '../support/fake-provider';
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
