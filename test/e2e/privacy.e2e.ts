import { describe, expect, it } from 'vitest';
import { quadrants } from '../support/png';
import { type FakeProvider } from '../support/fake-provider';
import { dbRows, menuClick, type Session } from './harness';
import { suite } from './suite';

let s: Session;
let fake: FakeProvider;
declare const chrome: any;

suite({
  ready: (env) => ({ s, fake } = env),
  pages: (fake) => {
    fake.pages.set('/img.html', { type: 'text/html', body: '<!doctype html><title>Image</title><img src="/q.png">' });
    fake.pages.set('/q.png', { type: 'image/png', body: quadrants(90, 60) });
  },
  each: async () => {
    await s.worker.evaluate(() => chrome.storage.local.clear());
  },
});

const SECRET = 'sk-openai-secret';
const leaked = () => fake.requests.filter((r) => JSON.stringify(r.headers).includes(SECRET));

async function options() {
  const opts = await s.ctx.newPage();
  await opts.goto(`chrome-extension://${s.extId}/options.html`);
  await expect.poll(() => opts.getByLabel('Provider', { exact: true }).locator('option').count()).toBeGreaterThanOrEqual(5);
  return opts;
}

describe('a key goes only where it was saved for', () => {
  it('an OpenAI key is not sent to http://127.0.0.1:PORT after the profile is switched there', async () => {
    expect(fake.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const opts = await options();
    await opts.getByLabel('Provider', { exact: true }).selectOption({ label: 'OpenAI' });
    await opts.getByLabel('API key').fill(SECRET);
    await opts.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => opts.getByRole('status').textContent()).toContain('Saved');
    await opts.reload(); // the key now comes from storage, bound to api.openai.com
    await expect.poll(() => opts.getByLabel('API key').inputValue()).toBe(SECRET);

    await opts.getByLabel('Provider', { exact: true }).selectOption({ label: 'OpenAI-compatible' });
    await opts.getByLabel('Base URL').fill(`${fake.origin}/v1`);
    expect(await opts.getByLabel('API key').inputValue()).toBe('');
    expect(await opts.getByTestId('key-note').textContent()).toContain('https://api.openai.com');
    await opts.getByLabel('Model').fill('local-model');
    await opts.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => opts.getByRole('status').textContent()).toContain('Connected');
    await opts.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => opts.getByRole('status').textContent()).toContain('Saved');

    const page = await s.ctx.newPage();
    await page.goto(`${fake.origin}/img.html`);
    await menuClick(s.worker, page.url(), { menuItemId: 'describe', srcUrl: `${fake.origin}/q.png` });
    await expect.poll(() => fake.providerRequests().length).toBe(2); // Test connection, then the describe
    expect(leaked()).toEqual([]);
    const stored = await s.worker.evaluate(() => chrome.storage.local.get('profiles'));
    expect(stored.profiles[0]).toMatchObject({ provider: 'openai-compatible', apiKey: '' });
    await opts.close();
    await page.close();
  });

  it('the worker refuses a stored key bound elsewhere, and says so', async () => {
    await s.worker.evaluate(async ({ base, key }) => {
      const profile = { id: 'p1', name: 'Moved', provider: 'openai-compatible', baseUrl: base, apiKey: key, keyFor: 'openai https://api.openai.com', model: 'm' };
      await chrome.storage.local.set({ profiles: [profile], defaultProfileId: 'p1' });
    }, { base: `${fake.origin}/v1`, key: SECRET });
    const opts = await options();
    await opts.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => opts.getByRole('status').textContent()).toContain('saved for https://api.openai.com');
    const page = await s.ctx.newPage();
    await page.goto(`${fake.origin}/img.html`);
    const id = await menuClick(s.worker, page.url(), { menuItemId: 'describe', srcUrl: `${fake.origin}/q.png` });
    await expect.poll(async () => (await dbRows(s.worker, 'entries')).find((e) => e.id === id)?.status).toBe('failed');
    expect(fake.providerRequests()).toEqual([]);
    expect(leaked()).toEqual([]);
    await opts.close();
    await page.close();
  });
});
