import { beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { registerMessageHandlers } from '../../../utils/worker/handlers';
import { fromOwnPage } from '../../../utils/worker/sender';

const OWN = fakeBrowser.runtime.getURL('/');

/** Delivers a message the way Chrome does, with `sender`, and resolves with what the handler answered. */
async function deliver(type: string, data: unknown, sender: Record<string, unknown>): Promise<{ res?: unknown; err?: { message: string } }> {
  let answer!: (r: { res?: unknown; err?: { message: string } }) => void;
  const replied = new Promise<{ res?: unknown; err?: { message: string } }>((r) => (answer = r));
  await fakeBrowser.runtime.onMessage.trigger({ id: 1, type, data, timestamp: Date.now() }, sender, answer);
  return replied;
}

describe('message handlers answer only Glimpse pages', () => {
  beforeAll(() => {
    // @webext-core/messaging listens on the global `chrome`.
    (globalThis as Record<string, unknown>).chrome ??= fakeBrowser;
    registerMessageHandlers();
  });

  it('the side panel and options page, in a panel or as a tab, are answered', async () => {
    for (const sender of [
      { id: fakeBrowser.runtime.id, url: `${OWN}sidepanel.html` },
      { id: fakeBrowser.runtime.id, url: `${OWN}options.html`, tab: { id: 7 } },
    ]) {
      const r = await deliver('providers', undefined, sender);
      expect(r.err).toBeUndefined();
      expect((r.res as { id: string }[]).map((p) => p.id)).toContain('openai');
    }
  });

  it('a content script in a web page is refused, with a message saying what to use', async () => {
    const r = await deliver('listModels', { profile: { provider: 'openai', baseUrl: 'https://evil.test/v1', apiKey: 'k', model: 'm' } }, {
      id: fakeBrowser.runtime.id, url: 'https://evil.test/page.html', tab: { id: 3 }, frameId: 0,
    });
    expect(r.res).toBeUndefined();
    expect(r.err?.message).toMatch(/did not come from its own side panel or options page/);
  });

  it('a URL that only starts like the extension origin, no URL, or another extension is refused', () => {
    expect(fromOwnPage({ id: fakeBrowser.runtime.id, url: `${OWN.slice(0, -1)}.evil.test/x` })).toBe(false);
    expect(fromOwnPage({ id: fakeBrowser.runtime.id })).toBe(false);
    expect(fromOwnPage({ id: 'other', url: `${OWN}options.html` })).toBe(false);
    expect(fromOwnPage(undefined)).toBe(false);
  });
});
