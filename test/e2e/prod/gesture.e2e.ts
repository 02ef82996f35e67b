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
    // Four blocks meeting at (400, 300) CSS px, at fixed places whatever the window's size.
    fake.pages.set('/blocks.html', html('Blocks', ['#f00 200 150', '#0f0 400 150', '#00f 200 300', '#ff0 400 300']
      .map((c) => c.split(' ')).map(([bg, x, y]) => `<div style="position:absolute;left:${x}px;top:${y}px;width:200px;height:150px;background:${bg}"></div>`).join('')));
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
  const page = await s.open('/blocks.html', 'localhost');
  expect(await grantedOrigins(s)).not.toContain('<all_urls>');
  // Without the click, Glimpse may not read the tab.
  const before = await (await s.worker()).evaluate(() => chrome.tabs.captureVisibleTab().then(() => 'captured', (e: Error) => e.message));
  expect(before).not.toBe('captured');
  await s.toolbarClick(page);
  await page.waitForSelector('glimpse-picker');
  // The same click opens the side panel, which shrinks the page when it shows, some 400 ms later: the picker
  // comes up after that, so a quick drag is measured and cropped on the same page (else 200×200 came out 123×123).
  expect(await page.evaluate(() => innerWidth)).toBeLessThan(1000);
  // 200×200 CSS px around the point where the four blocks meet.
  await page.mouse.move(300, 200);
  await page.mouse.down();
  await page.mouse.move(400, 300, { steps: 4 });
  await page.mouse.move(500, 400, { steps: 4 });
  await page.mouse.up();
  const img = await sentPixels(page);
  expect([img.width, img.height]).toEqual([200, 200]);
  expect(img.px, JSON.stringify(await page.evaluate(() => [innerWidth, innerHeight, devicePixelRatio, scrollX, scrollY]))).toEqual([RED, GREEN, BLUE, YELLOW]);
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
  // The user closes the panel without answering: nothing is lost, the crop and the offer are still there.
  await panel.close();
  const later = await s.extPage('sidepanel.html');
  await later.waitForSelector('[data-testid="full-quality"]:not([disabled])');
  expect(await later.evaluate(() => document.body.innerText)).toContain('cropped from a screenshot');
  expect((await dbImages()).find((i) => i.id === image!.id)?.source.lacksAccess).toBe(true);
  await later.close();
  await page.close();
});
