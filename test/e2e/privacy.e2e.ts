import { describe, expect, it } from 'vitest';
import { type FakeProvider } from '../support/fake-provider';
import { dbRows, menuClick, openPanel, type Session } from './harness';
import { imagePageSuite } from './suite';

let s: Session;
let fake: FakeProvider;
declare const chrome: any;

imagePageSuite((env) => ({ s, fake } = env));

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

describe('one broken row does not blank the panel', () => {
  it('a history row that throws while drawing shows an error in its place; the others and the panel stay', async () => {
    // Written around the import (which now refuses it), as an older build's import could have: a time Intl cannot format.
    await s.worker.evaluate(() => new Promise<void>((resolve, reject) => {
      const open = indexedDB.open('glimpse');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const tx = open.result.transaction(['threads', 'entries', 'meta'], 'readwrite');
        const base = { threadId: 't-x', updatedAt: Date.now(), presetId: 'describe', prompt: 'Describe', status: 'done' };
        tx.objectStore('threads').put({ id: 't-x', imageId: '', createdAt: Date.now(), updatedAt: Date.now(), presetId: 'describe', title: 'Describe image' });
        tx.objectStore('entries').put({ ...base, id: 'zz-1-good', createdAt: Date.now(), text: 'A perfectly fine answer' });
        tx.objectStore('entries').put({ ...base, id: 'zz-2-bad', createdAt: 1e300, text: 'A planted row' });
        tx.objectStore('meta').delete('entryCount'); // the list counts again
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      };
    }));
    const panel = await openPanel(s);
    await expect.poll(() => panel.getByTestId('render-error').count()).toBe(1);
    expect(await panel.getByTestId('render-error').textContent()).toContain('could not be shown');
    await expect.poll(() => panel.getByTestId('history-item').filter({ hasText: 'A perfectly fine answer' }).count()).toBe(1);
    await expect.poll(() => panel.getByRole('button', { name: 'Options' }).count()).toBeGreaterThan(0);
    await panel.close();
  });
});

describe('Options → Delete all data', () => {
  it('deletes history, images and audits after a confirmation, and keeps the profile', async () => {
    await s.worker.evaluate(async () => {
      await chrome.storage.local.set({ profiles: [{ id: 'p1', name: 'Kept', provider: 'openai', baseUrl: 'https://api.openai.com/v1', apiKey: 'k', model: 'm' }], defaultProfileId: 'p1' });
      await new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('glimpse');
        open.onsuccess = () => {
          const tx = open.result.transaction(['threads', 'images', 'audits'], 'readwrite');
          tx.objectStore('threads').put({ id: 't-d', imageId: 'i-d', createdAt: Date.now(), updatedAt: Date.now(), presetId: 'ask', title: 'Ask' });
          tx.objectStore('images').put({ id: 'i-d', createdAt: Date.now(), mime: 'image/png', bytes: new Uint8Array([1]), thumb: '', notes: [] });
          tx.objectStore('audits').put({ id: 'a-d', createdAt: Date.now(), pageUrl: 'https://e.test/', pageTitle: 'P', pageLang: 'en', items: [] });
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        };
      });
    });
    const opts = await options();
    const dialogs: string[] = [];
    opts.on('dialog', (d) => void (dialogs.push(d.message()), d.accept()));
    await opts.getByRole('button', { name: 'Delete all data' }).click();
    await expect.poll(() => opts.getByTestId('delete-data-status').textContent()).toContain('were deleted');
    expect(dialogs[0]).toContain('Profiles, API keys, presets and settings are kept');
    for (const table of ['threads', 'images', 'entries'] as const) expect(await dbRows(s.worker, table)).toEqual([]);
    expect(await s.worker.evaluate(() => new Promise<number>((resolve) => {
      const open = indexedDB.open('glimpse');
      open.onsuccess = () => {
        const req = open.result.transaction('audits').objectStore('audits').count();
        req.onsuccess = () => resolve(req.result);
      };
    }))).toBe(0);
    expect((await s.worker.evaluate(() => chrome.storage.local.get('profiles'))).profiles).toHaveLength(1);
    await opts.close();
  });
});
