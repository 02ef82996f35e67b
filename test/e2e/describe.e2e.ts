import { describe, expect, it } from 'vitest';
import { quadrants } from '../support/png';
import { FakeProvider } from '../support/fake-provider';
import { dbRows, inspectImage, menuClick, openPanel, poll, setProfile, type Session } from './harness';
import { suite } from './suite';

let s: Session;
let fake: FakeProvider;

suite({
  ready: (env) => ({ s, fake } = env),
  pages: (fake) => {
    fake.pages.set('/page.html', { type: 'text/html', body: '<!doctype html><title>Quadrants page</title><h1>Test</h1><img id="q" src="/img/q.png" width="600">' });
    fake.pages.set('/img/q.png', { type: 'image/png', body: quadrants(3000, 1500) });
  },
});

async function openPage() {
  const page = await s.ctx.newPage();
  await page.goto(`${fake.origin}/page.html`);
  return page;
}

describe('right-click → provider → streamed answer in the panel', () => {
  it('registers the contract menu items', async () => {
    const ids = await s.worker.evaluate(() => (globalThis as any).__e2e.menuIds());
    expect(ids).toEqual(expect.arrayContaining(['describe', 'alt-text', 'table', 'transcribe', 'region', 'ask']));
  });

  it('OpenAI-compatible: sends downscaled bytes, streams into the panel, survives reload', async () => {
    await setProfile(s.worker, { provider: 'openai-compatible', baseUrl: `${fake.origin}/v1`, apiKey: 'sk-test-123', model: 'fake-vision' });
    const page = await openPage();
    const panel = await openPanel(s);
    fake.plan = { chunks: ['A **four-colour**', ' test image', ' with quadrants.'], delayMs: 40 };
    const id = await menuClick(s.worker, page.url(), { menuItemId: 'describe', srcUrl: `${fake.origin}/img/q.png`, mediaType: 'image' });
    expect(id).toBeTruthy();

    const answer = panel.getByTestId('answer-text').first();
    await expect.poll(() => answer.textContent(), { timeout: 15_000 }).toContain('A four-colour test image with quadrants.');
    await expect.poll(() => panel.getByTestId('answer').first().getAttribute('data-status')).toBe('done');
    expect(await panel.locator('.md strong').first().textContent()).toBe('four-colour');
    await expect.poll(() => panel.getByTestId('thumbnail').count()).toBe(1);

    const [req] = fake.providerRequests();
    expect(req!.path).toBe('/v1/chat/completions');
    expect(req!.headers.authorization).toBe('Bearer sk-test-123');
    expect(req!.body.model).toBe('fake-vision');
    expect(req!.body.stream).toBe(true);
    const parts = req!.body.messages.at(-1).content;
    const img = parts.find((p: any) => p.type === 'image_url').image_url.url as string;
    expect(img.startsWith('data:image/')).toBe(true);
    expect(JSON.stringify(req!.body)).not.toContain('/img/q.png'); // bytes, never the URL
    const seen = await inspectImage(panel, img, [[0.25, 0.25], [0.75, 0.25], [0.25, 0.75], [0.75, 0.75]]);
    expect(Math.max(seen.width, seen.height)).toBeLessThanOrEqual(2048);
    expect(seen.width / seen.height).toBeCloseTo(2, 1);
    expect(seen.px).toEqual([[255, 0, 0], [0, 255, 0], [0, 0, 255], [255, 255, 0]]);

    const [entry] = await dbRows(s.worker, 'entries');
    expect(entry.id).toBe(id);
    expect(entry.text).toBe('A **four-colour** test image with quadrants.');
    expect(entry.usage).toEqual({ inputTokens: 812, outputTokens: 3 });

    await panel.reload();
    await expect.poll(() => panel.getByTestId('answer-text').first().textContent()).toContain('A four-colour test image');
    await page.close();
    await panel.close();
  });

  it('Anthropic: Messages SSE with ping, usage from message_start and message_delta', async () => {
    await setProfile(s.worker, { provider: 'anthropic', baseUrl: fake.origin, apiKey: 'sk-ant-test', model: 'claude-test' });
    const page = await openPage();
    const panel = await openPanel(s);
    fake.plan = { chunks: ['Claude', ' sees', ' four squares.'] };
    const id = await menuClick(s.worker, page.url(), { menuItemId: 'describe', srcUrl: `${fake.origin}/img/q.png`, mediaType: 'image' });
    await expect.poll(async () => (await dbRows(s.worker, 'entries')).find((e) => e.id === id)?.status, { timeout: 15_000 }).toBe('done');
    const entry = (await dbRows(s.worker, 'entries')).find((e) => e.id === id);
    expect(entry.text).toBe('Claude sees four squares.');
    expect(entry.usage).toEqual({ inputTokens: 1234, outputTokens: 42 });
    await expect.poll(() => panel.getByTestId('answer-text').first().textContent()).toContain('Claude sees four squares.');

    const [req] = fake.providerRequests();
    expect(req!.path).toBe('/v1/messages');
    // @anthropic-ai/sdk 1.x sends the key as a bearer token; older versions used x-api-key.
    expect(req!.headers['x-api-key'] ?? req!.headers.authorization).toMatch(/^(Bearer )?sk-ant-test$/);
    expect(req!.headers['anthropic-version']).toBeTruthy();
    expect(req!.headers['anthropic-dangerous-direct-browser-access']).toBe('true');
    const block = req!.body.messages[0].content.find((c: any) => c.type === 'image');
    expect(block.source.type).toBe('base64');
    const seen = await inspectImage(panel, `data:${block.source.media_type};base64,${block.source.data}`, [[0.25, 0.75]]);
    expect(Math.max(seen.width, seen.height)).toBeLessThanOrEqual(1568);
    expect(seen.px).toEqual([[0, 0, 255]]);
    await page.close();
    await panel.close();
  });

  it('without a provider, the entry sends the user to Options', async () => {
    await s.worker.evaluate(() => chrome.storage.local.clear());
    const page = await openPage();
    const panel = await openPanel(s);
    await menuClick(s.worker, page.url(), { menuItemId: 'describe', srcUrl: `${fake.origin}/img/q.png`, mediaType: 'image' });
    const err = panel.getByTestId('error').first();
    await expect.poll(() => err.textContent()).toContain('No model provider is set up yet');
    const [optionsPage] = await Promise.all([
      s.ctx.waitForEvent('page'),
      err.getByRole('button', { name: 'Open Options' }).click(),
    ]);
    await optionsPage.waitForLoadState();
    expect(optionsPage.url()).toContain('/options.html');
    expect(fake.providerRequests()).toHaveLength(0);
    await optionsPage.close();
    await page.close();
    await panel.close();
  });

  it('a 401 tells the user to check the key, and is not retried', async () => {
    await setProfile(s.worker, { provider: 'openai-compatible', baseUrl: `${fake.origin}/v1`, apiKey: 'bad', model: 'fake-vision' });
    fake.faults = [{ kind: 'status', status: 401, body: JSON.stringify({ error: { message: 'Incorrect API key provided: bad.', type: 'invalid_request_error', param: null, code: 'invalid_api_key' } }) }];
    const page = await openPage();
    const panel = await openPanel(s);
    await menuClick(s.worker, page.url(), { menuItemId: 'describe', srcUrl: `${fake.origin}/img/q.png`, mediaType: 'image' });
    const err = panel.getByTestId('error').first();
    await expect.poll(() => err.textContent()).toContain('Check the key');
    expect(await err.getByRole('button', { name: 'Open Options' }).count()).toBe(1);
    expect(fake.providerRequests()).toHaveLength(1);
    await page.close();
    await panel.close();
  });
});

declare const chrome: any;

describe('the provider’s connection opens while the image is fetched and prepared', () => {
  it('a click sends a bare HEAD to the provider’s origin first, and the request then comes over that same connection', async () => {
    // The provider on its own origin, as in real use: the image comes from the page's site.
    const provider = await new FakeProvider().start();
    try {
      await setProfile(s.worker, { provider: 'openai-compatible', baseUrl: `${provider.origin}/v1`, apiKey: 'sk-warm', model: 'fake-vision', extraHeaders: 'X-Title: Glimpse' });
      const page = await openPage();
      await menuClick(s.worker, page.url(), { menuItemId: 'describe', srcUrl: `${fake.origin}/img/q.png`, mediaType: 'image' });
      const post = await poll(async () => provider.providerRequests()[0], 'the request');
      const head = provider.requests.find((r) => r.method === 'HEAD');
      expect(head).toMatchObject({ path: '/', size: 0 });
      expect(head!.at).toBeLessThanOrEqual(post.at);
      // Nothing of the profile goes with it: no key, no extra header.
      expect(head!.headers.authorization).toBeUndefined();
      expect(head!.headers['x-title']).toBeUndefined();
      expect(post.headers['x-title']).toBe('Glimpse');
      // The same client port: the request found the connection the HEAD opened (another credentials mode would not).
      expect(post.port).toBe(head!.port);

      // Opened a moment ago (a burst of clicks): a second click does not open it again.
      await menuClick(s.worker, page.url(), { menuItemId: 'describe', srcUrl: `${fake.origin}/img/q.png?again`, mediaType: 'image' });
      await poll(async () => provider.providerRequests()[1], 'the second request');
      expect(provider.requests.filter((r) => r.method === 'HEAD')).toHaveLength(1);
      await page.close();
    } finally {
      await provider.stop();
    }
  });
});
