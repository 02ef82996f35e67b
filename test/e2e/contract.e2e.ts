import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makePng, quadrants } from '../support/png';
import { FakeProvider } from '../support/fake-provider';
import { dbRows, inspectImage, launch, menuClick, openPanel, setProfile, type Session } from './harness';
import { BLOCKS } from './capture-helpers';

let s: Session;
let fake: FakeProvider;

beforeAll(async () => {
  fake = await new FakeProvider().start();
  fake.pages.set('/blocks.html', { type: 'text/html', body: BLOCKS });
  fake.pages.set('/img.html', { type: 'text/html', body: '<!doctype html><title>Image</title><img src="/q.png" width="300">' });
  fake.pages.set('/q.png', { type: 'image/png', body: quadrants(400, 200) });
  fake.pages.set('/stripe.png', { type: 'image/png', body: makePng(64, 32, (x) => (x < 32 ? [10, 200, 30] : [200, 10, 30])) });
  s = await launch({ scale: 2 });
});
afterAll(async () => {
  await s?.close();
  await fake?.stop();
});
beforeEach(() => fake.reset());

describe('E2E contract', () => {
  it('§4 options: Provider/Base URL/API key/Model + Save → the next request uses them', async () => {
    const opts = await s.ctx.newPage();
    await opts.goto(`chrome-extension://${s.extId}/options.html`);
    const select = opts.getByLabel('Provider', { exact: true });
    await expect.poll(() => select.locator('option').count()).toBeGreaterThanOrEqual(5);
    const labels = await select.locator('option').allTextContents();
    for (const want of ['OpenAI', 'Anthropic', 'Gemini', 'Ollama', 'OpenAI-compatible']) {
      expect(labels.some((l) => l.includes(want))).toBe(true);
    }
    await select.selectOption({ label: 'OpenAI-compatible' });
    await opts.getByLabel('Base URL').fill(`${fake.origin}/gateway/v1`);
    await opts.getByLabel('API key').fill('sk-from-options');
    await opts.getByLabel('Model').fill('options-model');
    await opts.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => opts.getByRole('status').textContent()).toContain('Saved');

    const page = await s.ctx.newPage();
    await page.goto(`${fake.origin}/img.html`);
    await menuClick(s.worker, page.url(), { menuItemId: 'describe', srcUrl: `${fake.origin}/q.png`, mediaType: 'image' });
    await expect.poll(() => fake.providerRequests().length).toBe(1);
    const [req] = fake.providerRequests();
    expect(req!.path).toBe('/gateway/v1/chat/completions');
    expect(req!.headers.authorization).toBe('Bearer sk-from-options');
    expect(req!.body.model).toBe('options-model');

    // Test connection reports success against the same server.
    await opts.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => opts.getByRole('status').textContent()).toContain('Connected');
    await opts.close();
    await page.close();
  });

  it('§6 region: a mouse drag sends exactly the pixels inside it, at device resolution', async () => {
    await setProfile(s.worker, { provider: 'openai-compatible', baseUrl: `${fake.origin}/v1`, model: 'm' });
    const page = await s.ctx.newPage();
    await page.goto(`${fake.origin}/blocks.html`);
    const done = menuClick(s.worker, page.url(), { menuItemId: 'region' });
    await page.waitForSelector('glimpse-picker');
    // Select 200..400 × 150..250 CSS px: top half red|blue, bottom half green.
    await page.mouse.move(200, 150);
    await page.mouse.down();
    await page.mouse.move(300, 200, { steps: 4 });
    await page.mouse.move(400, 250, { steps: 4 });
    await page.mouse.up();
    const id = await done;
    expect(id).toBeTruthy();
    await expect.poll(() => fake.providerRequests().length).toBe(1);
    const url = fake.providerRequests()[0]!.body.messages.at(-1).content.find((p: any) => p.type === 'image_url').image_url.url;
    const img = await inspectImage(page, url, [[0.25, 0.25], [0.75, 0.25], [0.5, 0.75], [0.01, 0.01], [0.99, 0.99]]);
    expect([img.width, img.height]).toEqual([400, 200]); // 200×100 CSS px at DPR 2
    expect(img.px).toEqual([[255, 0, 0], [0, 0, 255], [0, 255, 0], [255, 0, 0], [0, 255, 0]]);
    expect(await page.locator('glimpse-picker').count()).toBe(0);
    await page.close();
  });

  it('§6 region: Escape cancels and nothing is sent', async () => {
    const page = await s.ctx.newPage();
    await page.goto(`${fake.origin}/blocks.html`);
    const done = menuClick(s.worker, page.url(), { menuItemId: 'region' });
    await page.waitForSelector('glimpse-picker');
    await page.keyboard.press('Escape');
    expect(await done).toBeUndefined();
    expect(fake.providerRequests()).toHaveLength(0);
    expect(await page.locator('glimpse-picker').count()).toBe(0);
    await page.close();
  });

  it('§6 region: arrows move, Shift+arrows resize, Enter confirms', async () => {
    await setProfile(s.worker, { provider: 'openai-compatible', baseUrl: `${fake.origin}/v1`, model: 'm' });
    const page = await s.ctx.newPage();
    await page.goto(`${fake.origin}/blocks.html`);
    const done = menuClick(s.worker, page.url(), { menuItemId: 'region' });
    await page.waitForSelector('glimpse-picker');
    // The first arrow shows a centred selection (250,175 500×350 in a 1000×700 viewport), moved 10 px left.
    await page.keyboard.press('ArrowLeft');
    for (let i = 0; i < 14; i++) await page.keyboard.press('ArrowLeft'); // x: 250 → 100
    for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowUp'); // y: 175 → 105
    for (let i = 0; i < 30; i++) await page.keyboard.press('Shift+ArrowLeft'); // width 500 → 200
    for (let i = 0; i < 30; i++) await page.keyboard.press('Shift+ArrowUp'); // height 350 → 50
    await page.keyboard.press('Enter');
    await done;
    await expect.poll(() => fake.providerRequests().length).toBe(1);
    const url = fake.providerRequests()[0]!.body.messages.at(-1).content.find((p: any) => p.type === 'image_url').image_url.url;
    const img = await inspectImage(page, url, [[0.5, 0.5]]);
    expect([img.width, img.height]).toEqual([400, 100]);
    expect(img.px).toEqual([[255, 0, 0]]);
    await page.close();
  });

  it('§5 ask: the image is attached, nothing is sent until Enter; Shift+Enter adds a line', async () => {
    await setProfile(s.worker, { provider: 'openai-compatible', baseUrl: `${fake.origin}/v1`, model: 'm' });
    const page = await s.ctx.newPage();
    await page.goto(`${fake.origin}/img.html`);
    const panel = await openPanel(s);
    await menuClick(s.worker, page.url(), { menuItemId: 'ask', srcUrl: `${fake.origin}/q.png`, mediaType: 'image' });
    const box = panel.getByRole('textbox', { name: /Ask/ });
    await expect.poll(() => box.count()).toBe(1);
    await expect.poll(() => panel.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    expect(fake.providerRequests()).toHaveLength(0);
    await panel.keyboard.type('What colour is');
    await panel.keyboard.press('Shift+Enter');
    await panel.keyboard.type('the top-left corner?');
    expect(fake.providerRequests()).toHaveLength(0);
    await panel.keyboard.press('Enter');
    await expect.poll(() => fake.providerRequests().length).toBe(1);
    const content = fake.providerRequests()[0]!.body.messages.at(-1).content;
    expect(content.find((p: any) => p.type === 'text').text).toBe('What colour is\nthe top-left corner?');
    expect(content.some((p: any) => p.type === 'image_url')).toBe(true);
    await expect.poll(() => panel.getByTestId('answer-text').first().textContent()).toContain('Hello from the fake model.');
    await page.close();
    await panel.close();
  });

  it('§5 paste a URL in the panel: fetches the bytes, then Enter asks', async () => {
    await setProfile(s.worker, { provider: 'openai-compatible', baseUrl: `${fake.origin}/v1`, model: 'm' });
    const panel = await openPanel(s);
    await panel.getByLabel('Image URL').fill(`${fake.origin}/stripe.png`);
    await panel.keyboard.press('Enter');
    const box = panel.getByRole('textbox', { name: /Ask/ });
    await expect.poll(() => panel.getByText('downloaded from a URL').count()).toBe(1);
    await expect.poll(() => panel.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await panel.keyboard.type('Which colours?');
    await panel.keyboard.press('Enter');
    await expect.poll(() => fake.providerRequests().length).toBe(1);
    const content = fake.providerRequests()[0]!.body.messages.at(-1).content;
    expect(content[0].text).toBe('Which colours?');
    const img = await inspectImage(panel, content[1].image_url.url, [[0.25, 0.5], [0.75, 0.5]]);
    expect(img).toEqual({ width: 64, height: 32, px: [[10, 200, 30], [200, 10, 30]] });
    const threads = await dbRows(s.worker, 'threads');
    expect(threads.some((t) => t.source?.method === 'url')).toBe(true);
    await panel.close();
  });
});
