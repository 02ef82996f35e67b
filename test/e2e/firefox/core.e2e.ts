import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { quadrants } from '../../support/png';
import { FakeProvider } from '../../support/fake-provider';
import { QUAD_COLOURS, QUAD_POINTS, sentImage } from '../capture-helpers';
import { byLabel, dbRows, inspectImage, menuClick, menuIds, openExtPage, openWebPage, poll, reloadExt, setProfile, texts, type FfSession } from './harness';
import { ffSuite } from './suite';

// Options, describe → sidebar page, Ask, faults and hostile output: the Chromium suite's core paths, in Firefox.
let s: FfSession;
let fake: FakeProvider;

ffSuite({
  ready: (env) => ({ s, fake } = env),
  pages: (fake) => {
    fake.pages.set('/img.html', { type: 'text/html', body: '<!doctype html><title>Image</title><img src="/q.png" width="300">' });
    fake.pages.set('/q.png', { type: 'image/png', body: quadrants(1200, 600) });
  },
});

const openai = () => ({ provider: 'openai-compatible', baseUrl: `${fake.origin}/v1`, apiKey: 'sk-ff', model: 'fake-vision' });
const answerTexts = (panel: Page) => texts(panel, '[data-testid="answer-text"]');
const statusText = (page: Page) => texts(page, '[role="status"]').then((t) => t.join(' '));

async function describeImage(info: Record<string, unknown> = {}) {
  const page = await openWebPage(s, `${fake.origin}/img.html`);
  const panel = await openExtPage(s, 'sidepanel.html');
  await panel.waitForSelector('[data-testid="history"]');
  const id = await menuClick(s, page.url(), { menuItemId: 'describe', srcUrl: `${fake.origin}/q.png`, mediaType: 'image', ...info });
  return { page, panel, id };
}
const entry = async (id: string | undefined) => (await dbRows(s, 'entries')).find((e) => e.id === id);

describe('Firefox: options, describe, ask', () => {
  it('registers the contract menu items', async () => {
    expect(await menuIds(s)).toEqual(expect.arrayContaining(['describe', 'alt-text', 'table', 'transcribe', 'region', 'ask']));
  });

  it('options: Provider/Base URL/API key/Model + Save → "Saved", the next request uses them; Test connection', async () => {
    const opts = await openExtPage(s, 'options.html');
    const select = await opts.waitForSelector('::-p-aria([name="Provider"][role="combobox"])');
    const labels = await select!.evaluate((el) => [...(el as HTMLSelectElement).options].map((o) => [o.value, o.textContent ?? '']));
    for (const want of ['OpenAI', 'Anthropic', 'Gemini', 'Ollama', 'OpenAI-compatible']) expect(labels.some(([, l]) => l!.includes(want))).toBe(true);
    await select!.select(labels.find(([, l]) => l!.includes('OpenAI-compatible'))![0]!);
    for (const [name, value] of [['Base URL', `${fake.origin}/gateway/v1`], ['API key', 'sk-from-options'], ['Model', 'options-model']]) {
      const box = await byLabel(opts, name!);
      await box.click({ count: 3 });
      await box.type(value!);
      expect(await box.evaluate((el) => (el as HTMLInputElement).value)).toBe(value);
    }
    await (await opts.waitForSelector('::-p-aria([name="Save"][role="button"])'))!.click();
    await expect.poll(() => statusText(opts)).toContain('Saved');

    const page = await openWebPage(s, `${fake.origin}/img.html`);
    await menuClick(s, page.url(), { menuItemId: 'describe', srcUrl: `${fake.origin}/q.png`, mediaType: 'image' });
    await expect.poll(() => fake.providerRequests().length).toBe(1);
    const [req] = fake.providerRequests();
    expect(req!.path).toBe('/gateway/v1/chat/completions');
    expect(req!.headers.authorization).toBe('Bearer sk-from-options');
    expect(req!.body.model).toBe('options-model');

    await (await opts.waitForSelector('::-p-aria([name="Test connection"][role="button"])'))!.click();
    await expect.poll(() => statusText(opts)).toContain('Connected');
  });

  it('describe → the sidebar page streams the answer; the provider gets the image bytes with every quadrant in place', async () => {
    await setProfile(s, openai());
    fake.plan = { chunks: ['A **four-colour**', ' test image', ' with quadrants.'], delayMs: 40 };
    const { panel, id } = await describeImage();
    expect(id).toBeTruthy();
    await expect.poll(() => answerTexts(panel).then((t) => t[0]), { timeout: 15_000 }).toContain('A four-colour test image with quadrants.');
    await expect.poll(() => panel.$eval('[data-testid="answer"]', (e) => e.getAttribute('data-status'))).toBe('done');
    expect(await panel.$eval('[data-testid="answer-text"] strong', (e) => e.textContent)).toBe('four-colour');
    const url = await sentImage(fake);
    expect(JSON.stringify(fake.providerRequests()[0]!.body)).not.toContain('/q.png');
    const seen = await inspectImage(s.control, url, QUAD_POINTS);
    expect(seen.width / seen.height).toBeCloseTo(2, 1);
    expect(seen.px).toEqual(QUAD_COLOURS);
    expect((await entry(id))!.text).toBe('A **four-colour** test image with quadrants.');
  });

  it('a click opens the provider’s connection while the image is prepared: a bare HEAD first, and the request comes over it', async () => {
    const provider = await new FakeProvider().start();
    try {
      await setProfile(s, { ...openai(), baseUrl: `${provider.origin}/v1`, extraHeaders: 'X-Title: Glimpse' });
      const page = await openWebPage(s, `${fake.origin}/img.html`);
      await menuClick(s, page.url(), { menuItemId: 'describe', srcUrl: `${fake.origin}/q.png`, mediaType: 'image' });
      const post = await poll(async () => provider.providerRequests()[0], 'the request');
      const head = provider.requests.find((r) => r.method === 'HEAD');
      expect(head).toMatchObject({ path: '/', size: 0 });
      expect(head!.headers.authorization).toBeUndefined();
      expect(head!.headers['x-title']).toBeUndefined();
      expect(post.headers['x-title']).toBe('Glimpse');
      expect(post.port).toBe(head!.port);
    } finally {
      await provider.stop();
    }
  });

  it('Ask: the image is attached, nothing is sent until Enter; the follow-up carries the earlier turn', async () => {
    await setProfile(s, openai());
    const page = await openWebPage(s, `${fake.origin}/img.html`);
    const panel = await openExtPage(s, 'sidepanel.html');
    await panel.waitForSelector('[data-testid="history"]');
    await menuClick(s, page.url(), { menuItemId: 'ask', srcUrl: `${fake.origin}/q.png`, mediaType: 'image' });
    const box = await panel.waitForSelector('textarea');
    expect(await box!.evaluate((el) => el.labels?.[0]?.textContent ?? el.getAttribute('aria-label'))).toMatch(/Ask/);
    await box!.focus();
    await panel.keyboard.type('What colour is the top-left corner?');
    expect(fake.providerRequests()).toHaveLength(0);
    await panel.keyboard.press('Enter');
    await expect.poll(() => fake.providerRequests().length).toBe(1);
    const content = fake.providerRequests()[0]!.body.messages.at(-1).content;
    expect(content.find((p: any) => p.type === 'text').text).toBe('What colour is the top-left corner?');
    await expect.poll(() => answerTexts(panel).then((t) => t.join())).toContain('Hello from the fake model.');

    // The follow-up box of the thread: the second request carries the first question and answer.
    fake.plan = { chunks: ['Red', ' it is.'] };
    await expect.poll(() => panel.$$eval('textarea', (t) => t.length)).toBeGreaterThan(0);
    await (await panel.waitForSelector('textarea'))!.focus();
    await panel.keyboard.type('And the bottom-right?');
    await panel.keyboard.press('Enter');
    await expect.poll(() => fake.providerRequests().length).toBe(2);
    const msgs = fake.providerRequests()[1]!.body.messages;
    expect(JSON.stringify(msgs)).toContain('What colour is the top-left corner?');
    expect(JSON.stringify(msgs)).toContain('Hello from the fake model.');
    expect(msgs.at(-1).content.find?.((p: any) => p.type === 'text')?.text ?? msgs.at(-1).content).toBe('And the bottom-right?');
    await expect.poll(() => answerTexts(panel).then((t) => t.join())).toContain('Red it is.');
  });
});

describe('Firefox: faults and hostile output', () => {
  it('a 401 tells the user to check the key, and is not retried', async () => {
    await setProfile(s, { ...openai(), apiKey: 'bad' });
    fake.faults = [{ kind: 'status', status: 401, body: JSON.stringify({ error: { message: 'Incorrect API key provided: bad.', type: 'invalid_request_error', param: null, code: 'invalid_api_key' } }) }];
    const { panel } = await describeImage();
    await expect.poll(() => texts(panel, '[data-testid="error"]').then((t) => t.join())).toContain('Check the key');
    expect(fake.providerRequests()).toHaveLength(1);
  });

  it('a dropped stream: the partial answer is kept and the error says the connection dropped', async () => {
    await setProfile(s, openai());
    fake.faults = [{ kind: 'drop', afterLine: 2 }];
    const { panel, id } = await describeImage();
    await expect.poll(async () => (await entry(id))?.status).toBe('failed');
    const e = await entry(id);
    expect(e.text).toBe('Hello from');
    expect(e.error.message).toContain('The connection dropped while the answer was streaming');
    await expect.poll(() => texts(panel, '[data-testid="error"]').then((t) => t.join())).toContain('connection dropped');
    expect((await answerTexts(panel))[0]).toContain('Hello from');
  });

  it('hostile model output renders as inert text: nothing executes, nothing is requested', async () => {
    await setProfile(s, openai());
    fake.plan = {
      chunks: [
        'Summary.\n\n<script>window.__pwned = 1</script>\n\n',
        '<img src="x" onerror="window.__pwned = 2">\n\n',
        '[click me](javascript:window.__pwned=3)\n\n',
        `![secret](${fake.origin}/leak.png?data=SECRET)\n\n`,
        `<iframe src="${fake.origin}/frame.html"></iframe>\n\n`,
        `<svg onload="window.__pwned=4"><image href="${fake.origin}/svg.png"/></svg>\n\n`,
        '[a safe link](https://example.com/page)\n',
      ],
      delayMs: 5,
    };
    const { panel } = await describeImage();
    await expect.poll(() => panel.$eval('[data-testid="answer"]', (e) => e.getAttribute('data-status'))).toBe('done');
    await new Promise((r) => setTimeout(r, 300));
    expect(await panel.evaluate(() => (window as any).__pwned)).toBeUndefined();
    const inside = (sel: string) => panel.$$eval(`[data-testid="answer-text"] :is(${sel})`, (els) => els.length);
    expect(await inside('script, iframe, img, svg, image, object, embed')).toBe(0);
    expect(await inside('[onerror], [onload], a[href^="javascript"]')).toBe(0);
    expect((await answerTexts(panel))[0]).toContain(`[image: secret] ${fake.origin}/leak.png?data=SECRET`);
    const fetched = fake.requests.map((r) => r.path);
    for (const p of ['/leak.png', '/frame.html', '/svg.png']) expect(fetched).not.toContain(p);
    expect(await panel.$eval('[data-testid="answer-text"] a[href^="https:"]', (a) => [a.getAttribute('href'), a.getAttribute('rel')])).toEqual(['https://example.com/page', 'noopener noreferrer']);
  });
});

describe('Firefox: what it lacks is said, not failed silently', () => {
  it('Chrome’s on-device model: Options says this browser has none; a profile that uses it fails with the reason and the way forward', async () => {
    await s.control.evaluate(() => (globalThis as any).browser.storage.local.clear());
    const opts = await openExtPage(s, 'options.html');
    await expect.poll(() => texts(opts, '[data-testid="on-device"]').then((t) => t.join())).toContain('This browser has no built-in vision model');
    expect(await opts.$$eval('[data-testid="on-device"] button', (b) => b.length)).toBe(0);

    await setProfile(s, { provider: 'chrome-ai', baseUrl: '', model: 'gemini-nano' });
    const { panel } = await describeImage();
    const error = () => texts(panel, '[data-testid="error"]').then((t) => t.join());
    await expect.poll(error).toContain('isn\'t available in this browser');
    expect(await error()).toContain('Choose a provider with an API key, or Ollama, in Options.');
    expect(fake.providerRequests()).toHaveLength(0);
  });
});

describe('Firefox: history lasts', () => {
  it('the answer is still in the sidebar page after a reload', async () => {
    await setProfile(s, openai());
    fake.plan = { chunks: ['Kept', ' after reload.'] };
    const { panel, id } = await describeImage();
    await expect.poll(async () => (await entry(id))?.status).toBe('done');
    await reloadExt(panel);
    await expect.poll(() => texts(panel, '[data-testid="history"]').then((t) => t.join())).toContain('Kept after reload.');
  });
});
