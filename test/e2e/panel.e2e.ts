import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { quadrants } from '../support/png';
import { FakeProvider } from '../support/fake-provider';
import { dbRows, launch, menuClick, openPanel, type Session } from './harness';

let s: Session;
let fake: FakeProvider;
declare const chrome: any;

beforeAll(async () => {
  fake = await new FakeProvider().start();
  fake.pages.set('/img.html', { type: 'text/html', body: '<!doctype html><title>Image</title><img src="/q.png">' });
  fake.pages.set('/q.png', { type: 'image/png', body: quadrants(120, 80) });
  s = await launch();
  await s.worker.evaluate(async (base) => {
    await chrome.storage.local.set({
      profiles: [
        { id: 'a', name: 'Cloud', provider: 'openai-compatible', baseUrl: `${base}/a/v1`, apiKey: 'ka', model: 'model-a' },
        { id: 'b', name: 'Local', provider: 'ollama', baseUrl: `${base}`, apiKey: '', model: 'llava' },
      ],
      defaultProfileId: 'a',
    });
  }, fake.origin);
});
afterAll(async () => {
  await s?.close();
  await fake?.stop();
});
beforeEach(() => fake.reset());

async function capture(menuItemId = 'describe') {
  const page = await s.ctx.newPage();
  await page.goto(`${fake.origin}/img.html`);
  const id = await menuClick(s.worker, page.url(), { menuItemId, srcUrl: `${fake.origin}/q.png` });
  await page.close();
  return id;
}

describe('side panel conversation', () => {
  it('follow-up questions carry the earlier turns; regenerate with another profile keeps the old answer', async () => {
    const panel = await openPanel(s);
    fake.plan = { chunks: ['First answer.'] };
    await capture();
    await expect.poll(() => panel.getByTestId('answer').first().getAttribute('data-status')).toBe('done');
    fake.plan = { chunks: ['Follow-up answer.'] };
    await panel.getByRole('textbox', { name: /Ask/ }).fill('And the colours?');
    await panel.keyboard.press('Enter');
    await expect.poll(() => panel.getByTestId('answer-text').allTextContents()).toEqual(['First answer.\n', 'Follow-up answer.\n']);
    const follow = fake.providerRequests()[1]!.body.messages;
    expect(follow.map((m: any) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(follow[2].content).toBe('First answer.');
    expect(follow[3].content[0].text).toBe('And the colours?');
    expect(follow[1].content.some((c: any) => c.type === 'image_url')).toBe(true);

    fake.plan = { chunks: ['Local says hi.'] };
    const first = panel.getByTestId('answer').first();
    await first.getByLabel('Profile to regenerate with').selectOption({ label: 'Local (llava)' });
    await first.getByRole('button', { name: 'Regenerate with this profile' }).click();
    await expect.poll(async () => (await dbRows(s.worker, 'entries')).filter((e) => e.provider === 'ollama' && e.status === 'done').length).toBe(1);
    const ollamaReq = fake.providerRequests().find((r) => r.path === '/api/chat')!;
    expect(ollamaReq.body.model).toBe('llava');
    expect(ollamaReq.body.messages.at(-1).images).toHaveLength(1);
    expect(await panel.getByTestId('answer-text').count()).toBe(3);
    await panel.close();
  });

  it('Compare sends the same image and prompt to two profiles and shows them side by side', async () => {
    const panel = await openPanel(s);
    fake.plan = { chunks: ['Same words.'] };
    await capture();
    await expect.poll(() => panel.getByTestId('answer').first().getAttribute('data-status')).toBe('done');
    await panel.getByRole('button', { name: 'Compare' }).click();
    const group = panel.getByTestId('compare');
    await expect.poll(() => group.getByTestId('answer').count()).toBe(2);
    await expect.poll(async () => (await group.getByTestId('answer').evaluateAll((els) => els.map((e) => e.getAttribute('data-status'))))).toEqual(['done', 'done']);
    const reqs = fake.providerRequests().slice(1);
    expect(reqs.map((r) => r.path).sort()).toEqual(['/a/v1/chat/completions', '/api/chat']);
    const img1 = reqs.find((r) => r.path === '/api/chat')!.body.messages.at(-1).images[0];
    const img2 = reqs.find((r) => r.path !== '/api/chat')!.body.messages.at(-1).content.find((c: any) => c.type === 'image_url').image_url.url.split(',')[1];
    expect(img1).toBe(img2);
    const boxes = await group.getByTestId('answer').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().top));
    expect(Math.abs(boxes[0]! - boxes[1]!)).toBeLessThan(2); // side by side
    await panel.close();
  });

  it('presets are data: a new preset in Options appears in the menu as preset:<id> and runs its prompt; the medical one shows its disclaimer', async () => {
    const opts = await s.ctx.newPage();
    await opts.goto(`chrome-extension://${s.extId}/options.html`);
    await opts.getByRole('button', { name: 'Add preset' }).click();
    await opts.getByLabel('Preset title').fill('Count the squares');
    await opts.getByLabel('Prompt', { exact: true }).fill('How many coloured squares are there?');
    await opts.getByRole('button', { name: 'Apply presets' }).click();
    await expect.poll(() => s.worker.evaluate(() => (globalThis as any).__e2e.menuIds())).toContain('preset:new-preset');
    expect(await s.worker.evaluate(() => (globalThis as any).__e2e.menuIds())).toEqual(expect.arrayContaining(['describe', 'preset:medical', 'region', 'ask']));
    await capture('preset:new-preset');
    await expect.poll(() => fake.providerRequests().length).toBe(1);
    // The preset's prompt, then the answer-language line Glimpse adds.
    expect(fake.providerRequests()[0]!.body.messages.at(-1).content[0].text).toMatch(/^How many coloured squares are there\?\n\nAnswer in \w+\.$/);

    const panel = await openPanel(s);
    await capture('preset:medical');
    await expect.poll(() => panel.getByTestId('disclaimer').first().textContent()).toContain('not medical advice');
    await opts.close();
    await panel.close();
  });

  it('streamed text reaches an open panel on the live channel, token by token, and the stored answer ends the same', async () => {
    const panel = await openPanel(s);
    await panel.evaluate(() => {
      const w = window as any;
      w.__live = [];
      w.__shown = [];
      new BroadcastChannel('glimpse-live-text').onmessage = (ev) => w.__live.push(ev.data.text);
      new MutationObserver(() => {
        const a = document.querySelector('[data-testid="answer"][data-status="streaming"] [data-testid="answer-text"]');
        if (a?.textContent && a.textContent !== w.__shown.at(-1)) w.__shown.push(a.textContent);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    fake.plan = { chunks: ['Alpha ', 'beta ', 'gamma.'], delayMs: 250 };
    const id = await capture();
    await expect.poll(() => panel.getByTestId('answer').first().getAttribute('data-status')).toBe('done');
    const { live, shown } = await panel.evaluate(() => ({ live: (window as any).__live as string[], shown: (window as any).__shown as string[] }));
    expect(live).toEqual(['Alpha ', 'Alpha beta ', 'Alpha beta gamma.']);
    // While streaming, the card showed each step of the text.
    expect(shown.map((t) => t.trim())).toEqual(expect.arrayContaining(['Alpha', 'Alpha beta']));
    expect((await dbRows(s.worker, 'entries')).find((e) => e.id === id)!.text).toBe('Alpha beta gamma.');
    await panel.close();
  });

  it('history: export, delete all (confirmed), import the file back, and a file that is not an export is refused', async () => {
    const panel = await openPanel(s);
    fake.plan = { chunks: ['A tall lighthouse on a cliff'] };
    await capture();
    await expect.poll(() => panel.getByTestId('answer').first().getAttribute('data-status')).toBe('done');
    const before = await dbRows(s.worker, 'entries');
    const [download] = await Promise.all([panel.waitForEvent('download'), panel.getByRole('button', { name: 'Export history' }).click()]);
    const file = readFileSync((await download.path())!);
    const exported = JSON.parse(file.toString('utf8'));
    expect(exported.format).toBe('glimpse-history');
    expect(exported.entries).toHaveLength(before.length);
    panel.once('dialog', (d) => void d.accept());
    await panel.getByRole('button', { name: 'Delete all history…' }).click();
    await expect.poll(() => dbRows(s.worker, 'entries').then((r) => r.length)).toBe(0);
    await panel.locator('input[type="file"]').setInputFiles({ name: 'glimpse-history.json', mimeType: 'application/json', buffer: file });
    await panel.getByRole('status').filter({ hasText: `Imported ${before.length} answers` }).waitFor();
    expect((await dbRows(s.worker, 'entries')).map((e) => [e.id, e.text]).sort()).toEqual(before.map((e) => [e.id, e.text]).sort());
    await panel.getByLabel('Search history').fill('lighthouse');
    await expect.poll(() => panel.getByTestId('history-item').count()).toBe(1);
    await panel.getByLabel('Search history').fill('');
    await panel.locator('input[type="file"]').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": 1}') });
    await expect.poll(() => panel.getByRole('alert').textContent()).toContain('not a Glimpse history export');
    expect(await dbRows(s.worker, 'entries')).toHaveLength(before.length);
    await panel.close();
  });

  it('history: search (before and after the words go into postings), filter by provider, delete one', async () => {
    const panel = await openPanel(s);
    fake.plan = { chunks: ['A purple giraffe'] };
    await capture();
    await expect.poll(() => panel.getByTestId('answer').first().getAttribute('data-status')).toBe('done');
    await panel.getByLabel('Search history').fill('giraf');
    await expect.poll(() => panel.getByTestId('history-item').count()).toBe(1);
    expect(await panel.getByTestId('history-item').textContent()).toContain('A purple giraffe');
    await panel.getByLabel('Search history').fill('');
    await panel.getByLabel('Provider').selectOption('ollama');
    await expect.poll(async () => (await panel.getByTestId('history-item').allTextContents()).every((t) => !t.includes('giraffe'))).toBe(true);
    await panel.getByLabel('Provider').selectOption('');
    await panel.getByLabel('Search history').fill('giraffe');
    await expect.poll(() => panel.getByTestId('history-item').count()).toBe(1);
    // Found first through the fresh index; the worker then merges the words into postings, and it is still found there.
    await expect.poll(async () => (await dbRows(s.worker, 'entries')).find((e) => e.text.includes('giraffe'))?.fresh, { timeout: 10_000 }).toBeUndefined();
    const row = (await dbRows(s.worker, 'entries')).find((e) => e.text.includes('giraffe'))!;
    expect(row.posted).toEqual(expect.arrayContaining(['purple', 'giraffe']));
    await panel.getByLabel('Search history').fill('purple gir');
    await expect.poll(() => panel.getByTestId('history-item').count()).toBe(1);
    await panel.getByRole('button', { name: /^Delete: / }).click();
    await expect.poll(() => panel.getByTestId('history-item').count()).toBe(0);
    expect((await dbRows(s.worker, 'entries')).some((e) => e.text.includes('giraffe'))).toBe(false);
    // The delete took its ids out of postings too.
    const posted = await s.worker.evaluate(
      () =>
        new Promise<string[]>((resolve) => {
          const open = indexedDB.open('glimpse');
          open.onsuccess = () => {
            const req = open.result.transaction('postings').objectStore('postings').getAll(IDBKeyRange.bound(['giraffe'], ['giraffe', []]));
            req.onsuccess = () => (open.result.close(), resolve((req.result as string[][]).flat()));
          };
        }),
    );
    expect(posted).toEqual([]);
    await panel.close();
  });
});
