// A fresh install's permissions (no <all_urls>): only a real toolbar click grants activeTab for the tab.
import { expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { quadrants } from '../../support/png';
import { dbRows, grantedOrigins, prodSuite, setProfile, type ProdSession } from './harness';

declare const chrome: any;
let s: ProdSession;

const html = (title: string, body: string) => ({ type: 'text/html', body: `<!doctype html><title>${title}</title><style>body{margin:0}</style>${body}` });
const RED = [255, 0, 0], GREEN = [0, 255, 0], BLUE = [0, 0, 255], YELLOW = [255, 255, 0];

prodSuite({
  pages: (fake) => {
    fake.pages.set('/q.png', { type: 'image/png', body: quadrants(400, 200) });
    fake.pages.set('/screen.html', html('Screen', ['#f00 0 0', '#0f0 50vw 0', '#00f 0 50vh', '#ff0 50vw 50vh']
      .map((c) => c.split(' ')).map(([bg, x, y]) => `<div style="position:fixed;left:${x};top:${y};width:50vw;height:50vh;background:${bg}"></div>`).join('')));
    // Shown on localhost, the image comes from 127.0.0.1: another site, which sends no CORS headers for it.
    fake.pages.set('/photo.html', html('Photo', `<img id="i" alt="Quadrants" src="http://127.0.0.1:${fake.port}/q.png" style="position:absolute;left:50px;top:50px;width:400px;height:200px">`));
  },
  ready: async (session) => {
    s = session;
    // A local server that answers CORS (LM Studio's "Enable CORS"): it works without host access.
    await setProfile(s, { provider: 'openai-compatible', baseUrl: `${s.fake.origin}/v1`, model: 'm' });
  },
});

/** The image in the n-th provider request, decoded in `page`: its size and the colours at quadrant centres. */
async function sentPixels(page: Page, n = 0) {
  await expect.poll(() => s.fake.providerRequests().length, { timeout: 20_000 }).toBeGreaterThan(n);
  const content = s.fake.providerRequests()[n]!.body.messages.at(-1).content as any[];
  const url = content.find((p) => p.type === 'image_url').image_url.url as string;
  return page.evaluate(async (url) => {
    const bmp = await createImageBitmap(await (await fetch(url)).blob());
    const c = new OffscreenCanvas(bmp.width, bmp.height);
    const ctx = c.getContext('2d')!;
    ctx.drawImage(bmp, 0, 0);
    const px = [[0.25, 0.25], [0.75, 0.25], [0.25, 0.75], [0.75, 0.75]].map(([x, y]) => Array.from(ctx.getImageData(Math.floor(x! * bmp.width), Math.floor(y! * bmp.height), 1, 1).data.slice(0, 3)));
    return { width: bmp.width, height: bmp.height, px };
  }, url);
}

const dbImages = () => dbRows(s, 'images');

it('a real toolbar click grants activeTab: the region picker opens and the dragged pixels reach the provider', async () => {
  s.fake.cors = true;
  const page = await s.open('/screen.html', 'localhost');
  expect(await grantedOrigins(s)).not.toContain('<all_urls>');
  // Without the click, Glimpse may not read the tab.
  const before = await (await s.worker()).evaluate(() => chrome.tabs.captureVisibleTab().then(() => 'captured', (e: Error) => e.message));
  expect(before).not.toBe('captured');
  await s.toolbarClick(page);
  await page.waitForSelector('glimpse-picker');
  // 200×200 CSS px around the point where the four blocks meet.
  const [cx, cy] = await page.evaluate(() => [Math.round(innerWidth / 2), Math.round(innerHeight / 2)]);
  await page.mouse.move(cx! - 100, cy! - 100);
  await page.mouse.down();
  await page.mouse.move(cx!, cy!, { steps: 4 });
  await page.mouse.move(cx! + 100, cy! + 100, { steps: 4 });
  await page.mouse.up();
  const img = await sentPixels(page);
  expect([img.width, img.height]).toEqual([200, 200]);
  expect(img.px).toEqual([RED, GREEN, BLUE, YELLOW]);
  expect(await page.$('glimpse-picker')).toBeNull();
  await page.close();
});

it('an image the worker may not download goes as a screen crop, and the thread offers full-quality access', async () => {
  s.fake.cors = true;
  const page = await s.open('/photo.html', 'localhost');
  await page.waitForFunction(() => (document.getElementById('i') as HTMLImageElement).naturalWidth > 0);
  // The toolbar click grants activeTab (as a right-click does); Escape closes its picker.
  await s.toolbarClick(page);
  await page.waitForSelector('glimpse-picker');
  await page.keyboard.press('Escape');
  await expect.poll(() => page.$('glimpse-picker')).toBeNull();
  const src = `${s.fake.origin}/q.png`;
  const known = new Set((await dbImages()).map((i) => i.id));
  await (await s.worker()).evaluate(async (src) => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    return (globalThis as any).__e2e.menuClick({ menuItemId: 'describe', srcUrl: src, mediaType: 'image', pageUrl: tab.url, frameId: 0, editable: false }, tab);
  }, src);
  const img = await sentPixels(page);
  expect([img.width, img.height]).toEqual([400, 200]);
  expect(img.px).toEqual([RED, GREEN, BLUE, YELLOW]);
  // The worker did ask the image's site first, and was refused (no CORS headers, no host access).
  expect(s.fake.requests.some((r) => r.method === 'GET' && r.path === '/q.png' && String(r.headers.origin).startsWith('chrome-extension://'))).toBe(true);
  const image = (await dbImages()).find((i) => !known.has(i.id));
  expect(image?.source).toMatchObject({ method: 'screenshot-crop', srcUrl: src, lacksAccess: true });

  const panel = await s.extPage('sidepanel.html');
  const offer = await panel.waitForSelector('[data-testid="full-quality"]');
  expect(await offer!.evaluate((b) => b.textContent)).toBe('Allow Glimpse to download original images from all sites, for full quality');
  await offer!.click();
  // The browser's prompt is open (headless Chromium leaves it so): the thread says what it waits for.
  await expect.poll(() => panel.evaluate(() => document.body.innerText)).toContain('Waiting for your answer');
  expect(await grantedOrigins(s)).not.toContain('<all_urls>');
  await panel.close();
  await page.close();
});
