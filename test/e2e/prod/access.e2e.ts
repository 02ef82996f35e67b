// A server outside the four provider hosts (LM Studio, Ollama, a gateway), on a fresh install: host access is
// asked for, and until it is granted, every place that needs it says so and what to do.
import { expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { quadrants } from '../../support/png';
import { dbRows, grantedOrigins, prodSuite, setProfile, type ProdSession } from './harness';

declare const chrome: any;
let s: ProdSession;

prodSuite({
  pages: (fake) => {
    fake.pages.set('/q.png', { type: 'image/png', body: quadrants(40, 20) });
    fake.pages.set('/screen.html', { type: 'text/html', body: '<!doctype html><title>Screen</title><body style="margin:0;background:#f00">' });
  },
  ready: (session) => {
    s = session;
  },
});

const statusText = (page: Page) => page.$eval('[role=status][data-testid=status]', (el) => el.textContent ?? '');
const byLabel = async (page: Page, label: string) => (await page.waitForSelector(`::-p-aria(${label})`))!;

/** The stored error of the newest entry, once it has failed. */
async function newestFailure(): Promise<{ kind: string; message: string }> {
  let failed: { kind: string; message: string } | undefined;
  await expect
    .poll(async () => {
      failed = (await dbRows(s, 'entries')).find((e) => e.status === 'failed')?.error;
      return failed;
    }, { timeout: 20_000 })
    .toBeTruthy();
  return failed!;
}

it('Options → Save for a local server: saved at once, waiting for the access prompt, and without access every path says what to do', async () => {
  const base = `${s.fake.origin}/v1`;
  const opts = await s.extPage('options.html');
  await (await byLabel(opts, 'Provider')).select('openai-compatible');
  const url = await byLabel(opts, 'Base URL');
  await url.click({ count: 3 });
  await url.type(base);
  const model = await byLabel(opts, 'Model');
  await model.click({ count: 3 });
  await model.type('fake-vision');
  await (await byLabel(opts, 'Save')).click();
  // Stored at once; the browser's prompt stays open in headless Chromium, and the status says so.
  await expect.poll(() => statusText(opts)).toContain('Saved');
  expect(await statusText(opts)).toContain('Waiting for your answer');
  const stored = await (await s.worker()).evaluate(async () => (await chrome.storage.local.get('profiles')).profiles);
  expect(stored).toEqual([expect.objectContaining({ provider: 'openai-compatible', baseUrl: base, model: 'fake-vision' })]);
  expect((await grantedOrigins(s)).some((o) => o.includes('127.0.0.1'))).toBe(false);

  // The user closes the page without answering: the next visit says that Glimpse may not reach the server.
  await opts.close();
  const again = await s.extPage('options.html');
  await expect.poll(() => again.evaluate(() => document.body.innerText)).toContain('Glimpse may not reach 127.0.0.1 yet');
  expect(await again.$('::-p-aria(Allow access to 127.0.0.1)')).not.toBeNull();

  // Test connection against a server that does not answer CORS: both ways forward, not a bare "Connection error".
  await (await byLabel(again, 'Test connection')).click();
  await expect.poll(() => statusText(again), { timeout: 20_000 }).toMatch(/failed/i);
  const tested = await statusText(again);
  expect(tested).toContain('allow');
  expect(tested).toContain('CORS');
  expect(tested).not.toMatch(/Connection error/i);

  // The server lets Glimpse in by CORS (LM Studio's "Enable CORS"): the same test now connects.
  s.fake.cors = true;
  await (await byLabel(again, 'Test connection')).click();
  await expect.poll(() => statusText(again), { timeout: 20_000 }).toContain('Connected');
  await again.close();
});

it('a capture with a server Glimpse may not reach fails with the two ways forward, not "Connection error"', async () => {
  await setProfile(s, { provider: 'openai-compatible', baseUrl: `${s.fake.origin}/v1`, model: 'fake-vision' });
  const page = await s.open('/screen.html', 'localhost');
  await s.toolbarClick(page);
  await page.waitForSelector('glimpse-picker');
  await page.mouse.move(100, 100);
  await page.mouse.down();
  await page.mouse.move(200, 200, { steps: 4 });
  await page.mouse.up();
  const error = await newestFailure();
  expect(error.message).toContain('Glimpse may not reach');
  expect(error.message).toContain('CORS');
  expect(error.message).not.toMatch(/Connection error/i);
  const panel = await s.extPage('sidepanel.html');
  await expect.poll(() => panel.evaluate(() => document.body.innerText)).toContain('Glimpse may not reach');
  await panel.close();
  await page.close();
});

it('pasting an image URL without access: the panel says it waits for the browser’s prompt, and the address stays', async () => {
  const panel = await s.extPage('sidepanel.html');
  const src = `${s.fake.origin}/q.png`;
  const field = await byLabel(panel, 'Image URL');
  await field.type(src);
  await (await byLabel(panel, 'Attach image')).click();
  await expect.poll(() => panel.evaluate(() => document.body.innerText)).toContain('Waiting for your answer');
  expect(await field.evaluate((el) => (el as HTMLInputElement).value)).toBe(src);
  // Nothing was downloaded while the question is open.
  expect(s.fake.requests.filter((r) => r.path === '/q.png')).toHaveLength(0);
  await panel.close();
});
