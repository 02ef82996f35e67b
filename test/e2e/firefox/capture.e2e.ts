import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { targetSize } from '../../../utils/image/vision-rules';
import type { FakeProvider } from '../../support/fake-provider';
import { BLOCKS, BLUE, QUAD_COLOURS, QUAD_POINTS, RED, TALL, TALL_WHOLE, expectColours, farFrom, sentImage } from '../capture-helpers';
import { imageOf, inspectImage, menuClick, openWebPage, setProfile, type FfSession } from './harness';
import { ffSuite } from './suite';

// The region picker and a large photo, in Firefox: exact pixels at the provider.
let s: FfSession;
let fake: FakeProvider;

ffSuite({
  ready: (env) => ({ s, fake } = env),
  pages: (fake) => {
    fake.pages.set('/blocks.html', { type: 'text/html', body: BLOCKS });
    fake.pages.set('/tall.html', { type: 'text/html', body: TALL });
    fake.pages.set('/blank.html', { type: 'text/html', body: '<!doctype html><title>Blank</title>' });
  },
});

const profile = () => setProfile(s, { provider: 'openai-compatible', baseUrl: `${fake.origin}/v1`, model: 'm' });

async function region(): Promise<{ page: Page; done: Promise<string | undefined> }> {
  const page = await openWebPage(s, `${fake.origin}/blocks.html`);
  const done = menuClick(s, page.url(), { menuItemId: 'region' });
  await page.waitForSelector('glimpse-picker');
  return { page, done };
}

describe('Firefox: the region picker', () => {
  it('a mouse drag sends exactly the pixels inside it', async () => {
    await profile();
    const { page, done } = await region();
    // 200..400 × 150..250 CSS px: top half red | blue, bottom half green.
    await page.mouse.move(200, 150);
    await page.mouse.down();
    await page.mouse.move(300, 200, { steps: 4 });
    await page.mouse.move(400, 250, { steps: 4 });
    await page.mouse.up();
    expect(await done).toBeTruthy();
    // Besides the middles, the pixels on each side of the red|blue edge (column 100) and the red/green edge (row 50).
    const edges: [number, number][] = [[0.495, 0.25], [0.5, 0.25], [0.25, 0.49], [0.25, 0.5]];
    const img = await inspectImage(s.control, await sentImage(fake), [[0.25, 0.25], [0.75, 0.25], [0.5, 0.75], [0.01, 0.01], [0.99, 0.99], ...edges]);
    expect([img.width, img.height]).toEqual([200, 100]); // headless Firefox: device scale 1
    expect(img.px).toEqual([[255, 0, 0], [0, 0, 255], [0, 255, 0], [255, 0, 0], [0, 255, 0], [255, 0, 0], [0, 0, 255], [255, 0, 0], [0, 255, 0]]);
    expect(await page.$$eval('glimpse-picker', (p) => p.length)).toBe(0);
  });

  it('arrows move, Shift+arrows resize, Enter confirms', async () => {
    await profile();
    const { page, done } = await region();
    // The first arrow shows a centred selection (250,175 500×350 in a 1000×700 viewport), moved 10 px left.
    await page.keyboard.press('ArrowLeft');
    for (let i = 0; i < 14; i++) await page.keyboard.press('ArrowLeft'); // x: 250 → 100
    for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowUp'); // y: 175 → 105
    await page.keyboard.down('Shift');
    for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowLeft'); // width 500 → 200
    for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowUp'); // height 350 → 50
    await page.keyboard.up('Shift');
    await page.keyboard.press('Enter');
    await done;
    const img = await inspectImage(s.control, await sentImage(fake), [[0.5, 0.5]]);
    expect([img.width, img.height]).toEqual([200, 50]);
    expect(img.px).toEqual([[255, 0, 0]]);
  });

  it('Escape cancels: nothing is sent and the picker is gone', async () => {
    const { page, done } = await region();
    await page.keyboard.press('Escape');
    expect(await done).toBeUndefined();
    expect(fake.providerRequests()).toHaveLength(0);
    expect(await page.$$eval('glimpse-picker', (p) => p.length)).toBe(0);
  });
});

describe('Firefox: a 12 MP JPEG photo (no offscreen document)', () => {
  const W = 4000;
  const H = 3000;

  it('arrives at the provider at the size the provider takes, with its colours in place', async () => {
    await profile();
    const page = await openWebPage(s, `${fake.origin}/blank.html`);
    // Quadrants, made by Firefox's own JPEG encoder in the page.
    const photo = Buffer.from(
      await page.evaluate(async (w, h) => {
        const c = new OffscreenCanvas(w, h);
        const ctx = c.getContext('2d')!;
        const colours = [['#f00', '#0f0'], ['#00f', '#ff0']];
        for (let y = 0; y < 2; y++) for (let x = 0; x < 2; x++) (ctx.fillStyle = colours[y]![x]!), ctx.fillRect((x * w) / 2, (y * h) / 2, w / 2, h / 2);
        const blob = await c.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
        return new Promise<string>((r) => Object.assign(new FileReader(), { onload: (e: any) => r(e.target.result.split(',')[1]) }).readAsDataURL(blob));
      }, W, H),
      'base64',
    );
    fake.pages.set('/big.jpg', { type: 'image/jpeg', body: photo });
    const id = await menuClick(s, page.url(), { menuItemId: 'describe', srcUrl: `${fake.origin}/big.jpg`, mediaType: 'image' });
    const url = await sentImage(fake);
    const out = targetSize('openai-compatible', 'm', { width: W, height: H });
    const img = await inspectImage(s.control, url, QUAD_POINTS);
    expect([img.width, img.height]).toEqual([out.width, out.height]);
    expectColours(img.px, QUAD_COLOURS, 40);
    const record = await imageOf(s, id);
    expect(record.original).toMatchObject({ width: W, height: H });
    expectColours([img.px[0]!, img.px[2]!], [RED, BLUE], 40);
  });
});

describe('Firefox: Capture the whole page', () => {
  it('a page three screens tall is stitched whole; the sticky header and the fixed bar show once; the scroll position comes back', async () => {
    await profile();
    const page = await openWebPage(s, `${fake.origin}/tall.html`);
    await page.evaluate(() => window.scrollTo(0, 300));
    const id = await menuClick(s, page.url(), { menuItemId: 'full-page' });
    const img = await inspectImage(s.control, await sentImage(fake), TALL_WHOLE.map(([y]) => [0.5, y / 2050]));
    expect(img.height / img.width).toBeCloseTo(2050 / 1000, 1);
    expect(farFrom(TALL_WHOLE, img.px)).toEqual([]);
    expect((await imageOf(s, id)).source.method).toBe('full-page');
    expect(await page.evaluate(() => scrollY)).toBe(300);
    expect(await page.evaluate(() => [document.querySelectorAll('[data-glimpse-stitch-hide]').length, !!document.getElementById('glimpse-stitch-style')])).toEqual([0, false]);
  });
});
