import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { quadrants } from '../support/png';
import { FakeProvider } from '../support/fake-provider';
import { dbRows, launch, menuClick, openPanel, poll, setProfile, type Session } from './harness';

// Ollama's 403 for extension origins, and the one-click fix: a DNR session rule scoped to one host:port.
let s: Session;
/** Behaves like Ollama without OLLAMA_ORIGINS: 403 and an empty body for chrome-extension:// origins. */
let ollama: FakeProvider;
/** A second server on another port: serves the page, and must never see its Origin rewritten. */
let other: FakeProvider;
let panel: Page;

declare const chrome: any;

/** Sends a ProtocolMap message from an extension page, in @webext-core/messaging's wire format. */
const send = (page: Page, type: string, data: unknown) =>
  page.evaluate(
    ({ type, data }) =>
      new Promise((resolve, reject) =>
        chrome.runtime.sendMessage({ id: 1, type, data, timestamp: Date.now() }, (r: any) => (r?.err ? reject(new Error(r.err.message)) : resolve(r?.res))),
      ),
    { type, data },
  );

const originsAt = (server: FakeProvider, path: string) => server.requests.filter((r) => r.path === path).map((r) => r.headers.origin);

beforeAll(async () => {
  ollama = await new FakeProvider().start();
  ollama.rejectExtensionOrigin = true;
  other = await new FakeProvider().start();
  other.pages.set('/page.html', { type: 'text/html', body: '<!doctype html><title>Page</title><img src="/q.png">' });
  other.pages.set('/q.png', { type: 'image/png', body: quadrants(320, 240) });
  s = await launch();
  await setProfile(s.worker, { provider: 'ollama', baseUrl: ollama.origin, model: 'llava' });
  panel = await openPanel(s);
});
afterAll(async () => {
  await s?.close();
  await ollama?.stop();
  await other?.stop();
});

async function describeImage(): Promise<string> {
  const page = await s.ctx.newPage();
  await page.goto(`${other.origin}/page.html`);
  const id = (await menuClick(s.worker, page.url(), { menuItemId: 'describe', srcUrl: `${other.origin}/q.png`, mediaType: 'image' }))!;
  await page.close();
  return id;
}
const settled = (id: string) =>
  poll(async () => (await dbRows(s.worker, 'entries')).find((e) => e.id === id && e.status !== 'streaming'), 'entry to settle');

describe('Ollama 403 with an empty body', () => {
  it('before the fix: failed with kind ollama-origin and the OLLAMA_ORIGINS command', async () => {
    const e = await settled(await describeImage());
    expect(e).toMatchObject({ status: 'failed', error: { kind: 'ollama-origin', status: 403 } });
    expect(e.error.message).toContain('OLLAMA_ORIGINS');
    expect(originsAt(ollama, '/api/chat')).toEqual([`chrome-extension://${s.extId}`]);
    await expect.poll(() => panel.getByTestId('error').first().textContent()).toContain('OLLAMA_ORIGINS');
  });

  it('after the one-click fix, Retry succeeds: the request carried Origin http://127.0.0.1:<port>', async () => {
    // The panel knows the entry's profile id, not its URL.
    const [failedEntry] = await dbRows(s.worker, 'entries');
    expect(await send(panel, 'fixOllamaOrigin', { profileId: failedEntry.profileId })).toBe(true);
    const rules = await s.worker.evaluate(() => chrome.declarativeNetRequest.getSessionRules());
    expect(rules).toHaveLength(1);
    expect(rules[0].condition).toMatchObject({
      urlFilter: `|${ollama.origin}/`,
      requestDomains: ['127.0.0.1'],
      initiatorDomains: [s.extId],
      tabIds: [-1],
      resourceTypes: ['xmlhttprequest'],
    });
    const failed = (await dbRows(s.worker, 'entries')).find((e) => e.status === 'failed')!;
    await panel.getByTestId('answer').first().getByRole('button', { name: 'Retry' }).click();
    const retried = await poll(
      async () => (await dbRows(s.worker, 'entries')).find((e) => e.createdAt > failed.createdAt && e.status !== 'streaming'),
      'the retried answer',
    );
    expect(retried).toMatchObject({ status: 'done', text: 'Hello from the fake model.' });
    expect(originsAt(ollama, '/api/chat').at(-1)).toBe(`http://127.0.0.1:${ollama.port}`);
  });

  it('the rule touches neither another port on the same host nor a tab’s own request', async () => {
    // The extension's request to the second server keeps its own Origin.
    await s.worker.evaluate((url) => fetch(url, { method: 'POST', body: '{}' }).then((r) => r.status), `${other.origin}/api/chat`);
    expect(originsAt(other, '/api/chat')).toEqual([`chrome-extension://${s.extId}`]);
    // A normal tab's request to Ollama's host:port keeps the page's origin.
    const page = await s.ctx.newPage();
    await page.goto(`${other.origin}/page.html`);
    await page.evaluate((url) => fetch(url).catch(() => undefined), `${ollama.origin}/api/tags`);
    await page.close();
    expect(originsAt(ollama, '/api/tags')).toEqual([other.origin]);
  });

  it('is put back before the next request when the session rule is gone (as after a browser restart)', async () => {
    await s.worker.evaluate(async () => {
      const ids = (await chrome.declarativeNetRequest.getSessionRules()).map((r: any) => r.id);
      await chrome.declarativeNetRequest.updateSessionRules({ removeRuleIds: ids });
    });
    const e = await settled(await describeImage());
    expect(e.status).toBe('done');
    expect(originsAt(ollama, '/api/chat').at(-1)).toBe(`http://127.0.0.1:${ollama.port}`);
  });

  it('turned off, requests carry the extension origin again and fail with ollama-origin', async () => {
    expect(await send(panel, 'fixOllamaOrigin', { baseUrl: ollama.origin, enable: false })).toBe(false);
    expect(await s.worker.evaluate(() => chrome.declarativeNetRequest.getSessionRules())).toEqual([]);
    const e = await settled(await describeImage());
    expect(e.error.kind).toBe('ollama-origin');
    expect(originsAt(ollama, '/api/chat').at(-1)).toBe(`chrome-extension://${s.extId}`);
  });
});
