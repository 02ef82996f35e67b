import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quadrants } from '../../support/png';
import { FakeProvider } from '../../support/fake-provider';
import { EXT_ORIGIN, dbRows, launchFirefox, menuClick, openExtPage, openWebPage, poll, setProfile, texts, type FfSession } from './harness';

// Firefox's declarativeNetRequest carries the Ollama origin fix; history and the fix outlive a browser restart.
let s: FfSession;
/** Behaves like Ollama without OLLAMA_ORIGINS: 403 and an empty body for extension origins. */
let ollama: FakeProvider;
/** Serves the page, on another port: it must never see its Origin rewritten. */
let other: FakeProvider;
// Code passed to evaluate runs in an extension page, where `browser` exists.
declare const browser: any;
const profileDir = mkdtempSync(join(tmpdir(), 'glimpse-ff-restart-'));

beforeAll(async () => {
  ollama = await new FakeProvider().start();
  ollama.rejectExtensionOrigin = true;
  other = await new FakeProvider().start();
  other.pages.set('/page.html', { type: 'text/html', body: '<!doctype html><title>Page</title><img src="/q.png">' });
  other.pages.set('/q.png', { type: 'image/png', body: quadrants(320, 240) });
  s = await launchFirefox({ profileDir });
  await setProfile(s, { provider: 'ollama', baseUrl: ollama.origin, model: 'llava' });
});
afterAll(async () => {
  await s?.close();
  await ollama?.stop();
  await other?.stop();
  rmSync(profileDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
});

const originsAt = (server: FakeProvider, path: string) => server.requests.filter((r) => r.path === path).map((r) => r.headers.origin);
async function describeImage(): Promise<string> {
  const page = await openWebPage(s, `${other.origin}/page.html`);
  const id = (await menuClick(s, page.url(), { menuItemId: 'describe', srcUrl: `${other.origin}/q.png`, mediaType: 'image' }))!;
  await page.close();
  return id;
}
const settled = (id: string) => poll(async () => (await dbRows(s, 'entries')).find((e) => e.id === id && e.status !== 'streaming'), 'entry to settle');

describe('Firefox: the Ollama origin fix', () => {
  it('before the fix: failed with kind ollama-origin and the OLLAMA_ORIGINS command; the request carried the moz-extension origin', async () => {
    const e = await settled(await describeImage());
    expect(e).toMatchObject({ status: 'failed', error: { kind: 'ollama-origin', status: 403 } });
    expect(originsAt(ollama, '/api/chat')).toEqual([EXT_ORIGIN]);
    const panel = await openExtPage(s, 'sidepanel.html');
    await expect.poll(() => texts(panel, '[data-testid="error"]').then((t) => t.join())).toContain('OLLAMA_ORIGINS');
  });

  it('the one-click fix in the panel, then Retry: the request carries Origin http://127.0.0.1:<port>', async () => {
    const panel = await openExtPage(s, 'sidepanel.html');
    const failed = (await dbRows(s, 'entries')).find((e) => e.status === 'failed')!;
    await panel.waitForSelector('::-p-text(Fix it: let Glimpse talk to Ollama)');
    await panel.$$eval('[data-testid="answer"] button', (bs) => (bs.find((b) => b.textContent === 'Fix it: let Glimpse talk to Ollama') as HTMLElement).click());
    const retried = await poll(async () => (await dbRows(s, 'entries')).find((e) => e.createdAt > failed.createdAt && e.status !== 'streaming'), 'the retried answer');
    expect(retried).toMatchObject({ status: 'done', text: 'Hello from the fake model.' });
    expect(originsAt(ollama, '/api/chat').at(-1)).toBe(`http://127.0.0.1:${ollama.port}`);
  });

  it('the rule touches neither another port on the same host nor a tab’s own request', async () => {
    // From the background page, like Glimpse's own requests: the extension pages' CSP lets them reach nothing remote.
    await s.control.evaluate(async (url) => (await browser.runtime.getBackgroundPage()).fetch(url, { method: 'POST', body: '{}' }).then((r: Response) => r.status), `${other.origin}/api/chat`);
    expect(originsAt(other, '/api/chat')).toEqual([EXT_ORIGIN]);
    const page = await openWebPage(s, `${other.origin}/page.html`);
    await page.evaluate((url) => fetch(url).catch(() => undefined), `${ollama.origin}/api/tags`);
    expect(originsAt(ollama, '/api/tags')).toEqual([other.origin]);
  });
});

describe('Firefox: after a browser restart (same profile)', () => {
  beforeAll(async () => {
    await s.close();
    ollama.reset();
    s = await launchFirefox({ profileDir });
  });

  it('the history is still in the sidebar page', async () => {
    const panel = await openExtPage(s, 'sidepanel.html');
    await expect.poll(() => texts(panel, '[data-testid="history"]').then((t) => t.join())).toContain('Hello from the fake model.');
    expect((await dbRows(s, 'entries')).map((e) => e.status).sort()).toEqual(['done', 'failed']);
  });

  it('the Ollama fix is put back before the next request (session rules do not survive a restart)', async () => {
    const e = await settled(await describeImage());
    expect(e).toMatchObject({ status: 'done', text: 'Hello from the fake model.' });
    expect(originsAt(ollama, '/api/chat')).toEqual([`http://127.0.0.1:${ollama.port}`]);
  });
});
