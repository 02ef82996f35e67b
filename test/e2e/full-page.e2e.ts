// Capture the whole page (menu id full-page): the page is scrolled and stitched from screenshots, a sticky
// header and a fixed cookie bar show once, the user's scroll position comes back, a very long page stops
// at the stated maximum and says so, and where no script may run the message names what still works.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { MAX_PAGE_HEIGHT } from '../../utils/capture/stitch';
import { targetSize } from '../../utils/image/vision-rules';
import { imageLimits, LEGIBLE_PX } from '../../utils/image/tiles';
import { ARTICLE_LINE_PX, ARTICLE_MARKS, articlePage } from '../support/article-page';
import { imagesOf } from '../support/sent-images';
import { BLUE, failureOf, farFrom, GREEN, imageFor, MAGENTA, RED, sentPixels, TALL, TALL_WHOLE, YELLOW, type RGB } from './capture-helpers';
import { inspectImage, menuClick, poll, setProfile } from './harness';
import { suite, type Suite } from './suite';

let env: Suite;
declare const chrome: any;
const ARTICLE_HEIGHT = 4200;

describe('Capture the whole page', () => {
  suite({
    ready: (e) => (env = e),
    pages: (fake) => {
      fake.pages.set('/tall.html', { type: 'text/html', body: TALL });
      fake.pages.set('/article.html', { type: 'text/html', body: articlePage(ARTICLE_HEIGHT) });
      // 1600 px across in a 1000 px window, two screens tall: blue to x 1000, red beyond.
      fake.pages.set('/wide.html', { type: 'text/html', body: '<!doctype html><title>Wide</title><body style="margin:0"><div style="width:1600px;height:1400px;background:linear-gradient(90deg,#00f 1000px,#f00 1000px)"></div>' });
      fake.pages.set('/endless.html', { type: 'text/html', body: `<!doctype html><title>Endless</title><body style="margin:0"><div style="height:30000px;background:linear-gradient(#00f,#f00)"></div>` });
    },
    each: () => setProfile(env.s.worker, { provider: 'openai-compatible', baseUrl: `${env.fake.origin}/v1`, model: 'm' }),
  });

  async function open(path: string, scrollTo = 0): Promise<Page> {
    const page = await env.s.ctx.newPage();
    await page.goto(`${env.fake.origin}${path}`);
    await page.evaluate((y) => window.scrollTo(0, y), scrollTo);
    return page;
  }

  it('a page three screens tall is stitched whole; the sticky header and the fixed bar show once; the scroll position comes back', async () => {
    const page = await open('/tall.html', 300);
    const id = await menuClick(env.s.worker, page.url(), { menuItemId: 'full-page' });
    const got = await sentPixels(env.fake, page, TALL_WHOLE.map(([y]) => [0.5, y / 2050]));
    expect(got.height / got.width).toBeCloseTo(2050 / 1000, 1);
    expect(farFrom(TALL_WHOLE, got.px)).toEqual([]);
    const record = await imageFor(env.s.worker, id);
    expect(record.source.method).toBe('full-page');
    expect(await page.evaluate(() => scrollY)).toBe(300);
    // Nothing of the stitching is left in the page.
    expect(await page.evaluate(() => [document.querySelectorAll('[data-glimpse-stitch-hide]').length, !!document.getElementById('glimpse-stitch-style')])).toEqual([0, false]);
    await page.close();
  }, 60_000);

  it('a region dragged past the bottom of the screen: the page scrolls with it, and the region is stitched with the sticky header once', async () => {
    const page = await open('/tall.html');
    const done = menuClick(env.s.worker, page.url(), { menuItemId: 'region' });
    await page.waitForSelector('glimpse-picker');
    await page.mouse.move(100, 10);
    await page.mouse.down();
    await page.mouse.move(300, 400, { steps: 4 });
    // Held at the bottom edge, the page scrolls on; let it pass two screens, then let go.
    await page.mouse.move(300, 690, { steps: 4 });
    await expect.poll(() => page.evaluate(() => scrollY), { timeout: 20_000 }).toBeGreaterThan(1300);
    await page.mouse.move(300, 500, { steps: 2 });
    const scrolled = await page.evaluate(() => scrollY);
    await page.mouse.up();
    await done;
    const bottom = scrolled + 500; // the region runs from page y 10 to here
    const height = bottom - 10;
    expect(height).toBeGreaterThan(2 * 700);
    const ys = [15, 300, 725, 800, 1375].filter((y) => y < bottom);
    const got = await sentPixels(env.fake, page, ys.map((y) => [0.5, (y - 10) / height]));
    expect(got.height / got.width).toBeCloseTo(height / 200, 0);
    const colour = (y: number): RGB => (y < 50 ? RED : y < 550 ? BLUE : y < 1050 ? GREEN : y < 1550 ? YELLOW : MAGENTA);
    const far = got.px.map((px, i) => [ys[i], px]).filter(([y, px]) => (px as number[]).some((v, c) => Math.abs(v - colour(y as number)[c]!) > 40));
    expect(far).toEqual([]);
    // The user's scroll position (where the drag ended) comes back.
    expect(await page.evaluate(() => scrollY)).toBe(scrolled);
    await page.close();
  }, 60_000);

  it('Shift+↓ grows a region past the bottom of the screen, scrolling the page to follow', async () => {
    const page = await open('/tall.html');
    const done = menuClick(env.s.worker, page.url(), { menuItemId: 'region' });
    await page.waitForSelector('glimpse-picker');
    // The first arrow shows 250,175 500×350; 120 presses of Shift+↓ make it 1550 px tall (page y 175–1725).
    for (let i = 0; i < 120; i++) await page.keyboard.press('Shift+ArrowDown');
    expect(await page.evaluate(() => scrollY)).toBeGreaterThan(1000);
    await page.keyboard.press('Enter');
    await done;
    const ys = [300, 800, 1200, 1700]; // not 660–700: the fixed bar shows there, once
    const got = await sentPixels(env.fake, page, ys.map((y) => [0.5, (y - 175) / 1560]));
    expect(got.height / got.width).toBeCloseTo(1560 / 500, 1);
    const far = got.px.map((px, i) => [ys[i], px]).filter(([y, px]) => (px as number[]).some((v, c) => Math.abs(v - [BLUE, GREEN, YELLOW, MAGENTA][ys.indexOf(y as number)]![c]!) > 40));
    expect(far).toEqual([]);
    await page.close();
  }, 60_000);

  it('a tall page of 16 px text on a profile that tiles reaches the model as overlapping tiles, each within the rule, its lines at full size', async () => {
    await setProfile(env.s.worker, { provider: 'ollama', baseUrl: env.fake.origin, model: 'llava' });
    env.fake.plan = { chunks: ['ok'], delayMs: 0 };
    const page = await open('/article.html');
    const id = await menuClick(env.s.worker, page.url(), { menuItemId: 'full-page' });
    const sent = imagesOf(await poll(async () => env.fake.providerRequests()[0], 'the request', 60_000));
    const record = await imageFor(env.s.worker, id);
    const rects: { x: number; y: number; width: number; height: number }[] = (record.tiles ?? []).map((t: { rect: unknown }) => t.rect);
    // One image fitted to Ollama's 1344 px would show the 24 px lines at 7.7 px: it goes as tiles.
    expect(sent.length).toBeGreaterThan(1);
    expect(sent.length).toBeLessThanOrEqual(imageLimits('ollama').maxImages);
    expect(rects).toHaveLength(sent.length);
    expect(record.notes.join(' ')).toContain(`Sent as ${sent.length} overlapping tiles at 100 % of the original's size, so that its text stays legible (one image would have shrunk it to 32 %).`);
    // Strips down the page in reading order, covering it whole, each reaching into the next.
    expect(rects[0]!.y).toBe(0);
    expect(rects.at(-1)!.y + rects.at(-1)!.height).toBe(ARTICLE_HEIGHT);
    for (const [i, r] of rects.slice(1).entries()) expect(r.y).toBeLessThan(rects[i]!.y + rects[i]!.height);
    const decoded = await Promise.all(sent.map((img) => inspectImage(page, `data:${img.mime};base64,${img.b64}`)));
    for (const [i, d] of decoded.entries()) {
      // Each tile is already at Ollama's size rule, and shows the page's lines no smaller than on screen
      // (a 24 px line is under the legible height, so nothing may shrink it).
      expect(targetSize('ollama', 'llava', d)).toEqual({ width: d.width, height: d.height });
      expect((ARTICLE_LINE_PX * d.height) / rects[i]!.height).toBeGreaterThanOrEqual(Math.min(ARTICLE_LINE_PX, LEGIBLE_PX) - 0.1);
    }
    // Every marker line is whole in some tile, where the page has it: its colour at its top and bottom rows.
    for (const m of ARTICLE_MARKS.filter((m) => m.top < ARTICLE_HEIGHT)) {
      const i = rects.findIndex((r) => r.y <= m.top && m.top + ARTICLE_LINE_PX <= r.y + r.height);
      expect(i, `marker at ${m.top} whole in a tile`).toBeGreaterThanOrEqual(0);
      const r = rects[i]!;
      const at = (y: number): [number, number] => [10 / r.width, (y - r.y + 0.5) / r.height];
      const got = await inspectImage(page, `data:${sent[i]!.mime};base64,${sent[i]!.b64}`, [at(m.top + 2), at(m.top + ARTICLE_LINE_PX - 3)]);
      for (const px of got.px) expect(px.every((v, c) => Math.abs(v - m.rgb[c]!) <= 40), `marker at ${m.top}: ${px}`).toBe(true);
    }
    await page.close();
  }, 120_000);

  it('a page wider than the window is stitched as the user scrolled it sideways, and the entry says it was cut to the screen\'s width', async () => {
    const page = await open('/wide.html', 200);
    await page.evaluate(() => window.scrollTo(300, scrollY));
    const id = await menuClick(env.s.worker, page.url(), { menuItemId: 'full-page' });
    // Page x 300–1300 as on screen: blue to page x 1000 (70 %), red after it.
    const got = await sentPixels(env.fake, page, [[0.05, 0.1], [0.65, 0.9], [0.75, 0.1], [0.95, 0.9]]);
    expect(got.height / got.width).toBeCloseTo(1400 / 1000, 1);
    expect(got.px.map((px) => (px[2]! > 200 && px[0]! < 50 ? 'blue' : px[0]! > 200 && px[2]! < 50 ? 'red' : String(px)))).toEqual(['blue', 'blue', 'red', 'red']);
    const record = await imageFor(env.s.worker, id);
    expect(record.notes.join(' ')).toContain("Cut to the screen's width: 1000 of its 1600 px across were captured");
    expect(await page.evaluate(() => [scrollX, scrollY])).toEqual([300, 200]);
    await page.close();
  }, 60_000);

  it(`a page taller than ${MAX_PAGE_HEIGHT} px stops there and says so`, async () => {
    const page = await open('/endless.html');
    const id = await menuClick(env.s.worker, page.url(), { menuItemId: 'full-page' });
    const got = await sentPixels(env.fake, page, [[0.5, 0.01]]);
    expect(got.height / got.width).toBeCloseTo(MAX_PAGE_HEIGHT / 1000, 0);
    const record = await imageFor(env.s.worker, id);
    expect(record.notes.join(' ')).toContain(`Only the top ${MAX_PAGE_HEIGHT} px of this 30000 px page were captured`);
    await page.close();
  }, 120_000);

  it('where no script may run, the entry says the visible page still works', async () => {
    const page = await env.s.ctx.newPage();
    await page.goto('chrome://version');
    // The extension may not read a chrome:// tab's URL: the newest tab is the one just opened.
    const id = await env.s.worker.evaluate(async () => {
      const [tab] = (await chrome.tabs.query({})).sort((a: any, b: any) => b.id - a.id);
      return (globalThis as any).__e2e.menuClick({ menuItemId: 'full-page', editable: false, pageUrl: 'chrome://version/', frameId: 0 }, tab);
    });
    const err = await failureOf(env.s.worker, id);
    expect(err.message).toMatch(/cannot be scrolled and stitched.*Describe the visible page still works/);
    expect(env.fake.providerRequests()).toHaveLength(0);
    await page.close();
  });
});
