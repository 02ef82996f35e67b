// The `page` context (the menu saw no image): the picker finds what is under the click, and the
// pixels that reach the provider are checked. Device scale 2, so crops are at device pixels.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makePng, quadrants } from '../support/png';
import { FakeProvider } from '../support/fake-provider';
import { launch, menuClick, setProfile, type Session } from './harness';
import { BLUE, DRAW_QUADRANTS, GREEN, QUAD_COLOURS, QUAD_POINTS, RED, clickOverFrame, expectColours, imageFor, pickWith, sentPixels } from './capture-helpers';

declare const chrome: any;
let s: Session;
let fake: FakeProvider;

const html = (title: string, body: string) => ({ type: 'text/html', body: `<!doctype html><title>${title}</title><style>body{margin:0}</style>${body}` });
const svgQuadrants = (w: number, h: number, style = '') =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" style="${style}" shape-rendering="crispEdges">` +
  `<rect width="${w / 2}" height="${h / 2}" fill="#f00"/><rect x="${w / 2}" width="${w / 2}" height="${h / 2}" fill="#0f0"/>` +
  `<rect y="${h / 2}" width="${w / 2}" height="${h / 2}" fill="#00f"/><rect x="${w / 2}" y="${h / 2}" width="${w / 2}" height="${h / 2}" fill="#ff0"/></svg>`;
// Corners too: a crop that is off by a few pixels shows the page around the element there.
const EDGES: [number, number][] = [...QUAD_POINTS, [0.01, 0.02], [0.99, 0.98]];
const EDGE_COLOURS = [...QUAD_COLOURS, QUAD_COLOURS[0]!, QUAD_COLOURS[3]!];

beforeAll(async () => {
  fake = await new FakeProvider().start();
  const solid = (c: [number, number, number]) => makePng(100, 100, () => c);
  fake.pages.set('/q.png', { type: 'image/png', body: quadrants(400, 200) });
  fake.pages.set('/q-shadow.png', { type: 'image/png', body: quadrants(300, 120) });
  fake.pages.set('/q-frame.png', { type: 'image/png', body: quadrants(240, 160) });
  fake.pages.set('/bg-1x.png', { type: 'image/png', body: makePng(100, 100, () => [128, 128, 128]) });
  fake.pages.set('/bg-2x.png', { type: 'image/png', body: quadrants(400, 400) });
  fake.pages.set('/red.png', { type: 'image/png', body: solid([255, 0, 0]) });
  fake.pages.set('/blue.png', { type: 'image/png', body: solid([0, 0, 255]) });
  fake.pages.set('/overlay.html', html('Overlay', `<div style="position:relative;left:50px;top:50px;width:400px;height:200px">
    <img src="/q.png" alt="Quadrants" style="display:block;width:400px;height:200px">
    <div style="position:absolute;inset:0;background:transparent"></div></div>`));
  fake.pages.set('/bg.html', html('Background', `<div style="position:absolute;left:50px;top:50px;width:200px;height:200px;background-size:200px 200px;
    background-image:image-set(url('/bg-1x.png') 1x, url('/bg-2x.png') 2x)"></div>`));
  fake.pages.set('/canvas.html', html('Canvas', `<canvas id="c" width="160" height="80" style="position:absolute;left:50px;top:50px;width:320px;height:160px"></canvas>
    <canvas id="t" width="200" height="100" style="position:absolute;left:450px;top:50px;width:200px;height:100px"></canvas>
    <script>${DRAW_QUADRANTS}
    drawQuadrants(document.getElementById('c').getContext('2d'), 160, 80);
    // Tainted: a cross-origin image without CORS (localhost is another origin than 127.0.0.1).
    const img = new Image(); img.onload = () => { document.getElementById('t').getContext('2d').drawImage(img, 0, 0, 200, 100); window.ready = true; };
    img.src = location.href.replace('127.0.0.1', 'localhost').replace('/canvas.html', '/q.png');</script>`));
  fake.pages.set('/svg.html', html('SVG', svgQuadrants(200, 100, 'position:absolute;left:50px;top:50px')));
  fake.pages.set('/video.html', html('Video', `<video id="v" muted playsinline style="position:absolute;left:50px;top:50px;width:320px;height:160px"></video>
    <script>${DRAW_QUADRANTS}
    const c = document.createElement('canvas'); c.width = 160; c.height = 80; const ctx = c.getContext('2d');
    const v = document.getElementById('v'); v.srcObject = c.captureStream(30);
    (function tick() { drawQuadrants(ctx, 160, 80); if (!window.ready) requestAnimationFrame(tick); })();
    v.play();
    v.addEventListener('timeupdate', function once() { if (v.videoWidth && v.currentTime > 0.3) { v.pause(); v.removeEventListener('timeupdate', once); window.ready = true; } });</script>`));
  fake.pages.set('/shadow.html', html('Shadow', `<div id="host" style="position:absolute;left:50px;top:50px"></div>
    <script>document.getElementById('host').attachShadow({ mode: 'open' }).innerHTML = '<img src="/q-shadow.png" alt="In a shadow root" style="display:block">';</script>`));
  fake.pages.set('/frame.html', html('Frame', '<iframe src="/inner.html" style="position:absolute;left:40px;top:40px;width:600px;height:400px;border:10px solid #888"></iframe>'));
  fake.pages.set('/inner.html', html('Inner', `<img src="/q-frame.png" alt="In a frame" style="position:absolute;left:0;top:0;width:240px;height:160px">
    ${svgQuadrants(200, 100, 'position:absolute;left:300px;top:100px')}`));
  fake.pages.set('/xframe.html', { type: 'text/html', body: '' }); // filled in beforeAll once the other origin is known
  fake.pages.set('/gallery.html', html('Gallery', `<img src="/red.png" alt="Red" style="position:absolute;left:20px;top:20px">
    <div id="host" style="position:absolute;left:200px;top:20px"></div>
    <canvas id="g" width="100" height="100" style="position:absolute;left:400px;top:20px"></canvas>
    <script>document.getElementById('host').attachShadow({ mode: 'open' }).innerHTML = '<img src="/blue.png" alt="Blue">';
    const g = document.getElementById('g').getContext('2d'); g.fillStyle = '#0f0'; g.fillRect(0, 0, 100, 100);</script>`));
  fake.pages.set('/screen.html', html('Screen', ['#f00 0 0', '#0f0 50vw 0', '#00f 0 50vh', '#ff0 50vw 50vh']
    .map((c) => c.split(' ')).map(([bg, x, y]) => `<div style="position:fixed;left:${x};top:${y};width:50vw;height:50vh;background:${bg}"></div>`).join('')));
  // localhost is another origin than 127.0.0.1: the picker cannot look into this frame.
  fake.pages.set('/xframe.html', html('Cross-origin frame', `<iframe title="Embedded post" src="${fake.origin.replace('127.0.0.1', 'localhost')}/inner.html"
    style="position:absolute;left:40px;top:40px;width:600px;height:400px;border:10px solid #888"></iframe>`));
  s = await launch({ scale: 2 });
  await setProfile(s.worker, { provider: 'openai-compatible', baseUrl: `${fake.origin}/v1`, model: 'm' });
});
afterAll(async () => {
  await s?.close();
  await fake?.stop();
});
beforeEach(() => fake.reset());

async function open(path: string) {
  const page = await s.ctx.newPage();
  await page.goto(`${fake.origin}${path}`);
  return page;
}
const click = (page: import('playwright-core').Page, x: number, y: number) => () => page.mouse.click(x, y);

describe('picker, page context: a click sends the image under it', () => {
  it('an <img> under a transparent overlay (Instagram-style): the original file', async () => {
    const page = await open('/overlay.html');
    const id = await pickWith(s.worker, page, click(page, 250, 150));
    const img = await sentPixels(fake, page);
    expect([img.mime, img.width, img.height]).toEqual(['image/png', 400, 200]);
    expectColours(img.px, QUAD_COLOURS);
    const rec = await imageFor(s.worker, id);
    expect(rec.source).toMatchObject({ method: 'worker-fetch', srcUrl: `${fake.origin}/q.png`, element: 'img “Quadrants”' });
    await page.close();
  });

  it('a CSS background-image with image-set(): the 2x candidate at device scale 2', async () => {
    const page = await open('/bg.html');
    const id = await pickWith(s.worker, page, click(page, 150, 150));
    const img = await sentPixels(fake, page);
    expect([img.width, img.height]).toEqual([400, 400]);
    expectColours(img.px, QUAD_COLOURS);
    expect((await imageFor(s.worker, id)).source).toMatchObject({ method: 'worker-fetch', srcUrl: `${fake.origin}/bg-2x.png` });
    await page.close();
  });

  it('a <canvas>: its own pixels at its own resolution, read in the page', async () => {
    const page = await open('/canvas.html');
    await page.waitForFunction(() => (window as any).ready);
    const id = await pickWith(s.worker, page, click(page, 200, 120));
    const img = await sentPixels(fake, page);
    expect([img.width, img.height]).toEqual([160, 80]);
    expectColours(img.px, QUAD_COLOURS);
    expect((await imageFor(s.worker, id)).source).toMatchObject({ method: 'page-read', element: 'canvas' });
    await page.close();
  });

  it('a tainted <canvas> (cross-origin drawing): a screenshot crop at device pixels', async () => {
    const page = await open('/canvas.html');
    await page.waitForFunction(() => (window as any).ready);
    const id = await pickWith(s.worker, page, click(page, 550, 100));
    const img = await sentPixels(fake, page, EDGES);
    expect([img.width, img.height]).toEqual([400, 200]);
    expectColours(img.px, EDGE_COLOURS, 2);
    expect((await imageFor(s.worker, id)).source.method).toBe('screenshot-crop');
    await page.close();
  });

  it('an inline <svg>: a screenshot crop of exactly its box, at device pixels, without the picker in it', async () => {
    const page = await open('/svg.html');
    const id = await pickWith(s.worker, page, click(page, 100, 70));
    const img = await sentPixels(fake, page, EDGES);
    expect([img.width, img.height]).toEqual([400, 200]);
    expectColours(img.px, EDGE_COLOURS);
    expect((await imageFor(s.worker, id)).source).toMatchObject({ method: 'screenshot-crop', element: 'svg' });
    await page.close();
  });

  it('a paused <video>: the current frame at the video resolution', async () => {
    const page = await open('/video.html');
    await page.waitForFunction(() => (window as any).ready, undefined, { timeout: 15_000 });
    const id = await pickWith(s.worker, page, click(page, 210, 130));
    const img = await sentPixels(fake, page);
    expect([img.width, img.height]).toEqual([160, 80]);
    expectColours(img.px, QUAD_COLOURS, 40); // through the video pipeline's YUV conversion
    const rec = await imageFor(s.worker, id);
    expect(rec.source.method).toBe('page-read');
    expect(rec.source.element).toMatch(/^video frame at \d+\.\d s$/);
    await page.close();
  });

  it('an <img> inside an open shadow root', async () => {
    const page = await open('/shadow.html');
    const id = await pickWith(s.worker, page, click(page, 120, 100));
    const img = await sentPixels(fake, page);
    expect([img.width, img.height]).toEqual([300, 120]);
    expectColours(img.px, QUAD_COLOURS);
    expect((await imageFor(s.worker, id)).source).toMatchObject({ method: 'worker-fetch', srcUrl: `${fake.origin}/q-shadow.png`, element: 'img “In a shadow root”' });
    await page.close();
  });

  it('an <img> inside a same-origin iframe', async () => {
    const page = await open('/frame.html');
    await page.frames()[1]!.waitForLoadState();
    const id = await pickWith(s.worker, page, click(page, 150, 100));
    const img = await sentPixels(fake, page);
    expect([img.width, img.height]).toEqual([240, 160]);
    expectColours(img.px, QUAD_COLOURS);
    expect((await imageFor(s.worker, id)).source).toMatchObject({ method: 'worker-fetch', srcUrl: `${fake.origin}/q-frame.png` });
    await page.close();
  });

  it('an <svg> inside a bordered iframe: the crop accounts for the frame position and border', async () => {
    const page = await open('/frame.html');
    await page.frames()[1]!.waitForLoadState();
    await pickWith(s.worker, page, click(page, 450, 200));
    const img = await sentPixels(fake, page, EDGES);
    expect([img.width, img.height]).toEqual([400, 200]);
    expectColours(img.px, EDGE_COLOURS);
    await page.close();
  });
});

describe('picker, cross-origin frame', () => {
  it('with access to the frame’s site, a click on an image inside it sends that image, found inside the frame', async () => {
    const page = await open('/xframe.html');
    await page.frames()[1]!.waitForLoadState();
    const id = await pickWith(s.worker, page, clickOverFrame(page, 150, 100));
    const img = await sentPixels(fake, page);
    expect([img.width, img.height]).toEqual([240, 160]);
    expectColours(img.px, QUAD_COLOURS);
    const other = fake.origin.replace('127.0.0.1', 'localhost');
    expect((await imageFor(s.worker, id)).source).toMatchObject({ method: 'worker-fetch', srcUrl: `${other}/q-frame.png`, element: 'img “In a frame”' });
    await page.close();
  });

  it('where nothing image-like is under the click inside it, what the frame shows is cropped, inside its border', async () => {
    const page = await open('/xframe.html');
    await page.frames()[1]!.waitForLoadState();
    const id = await pickWith(s.worker, page, clickOverFrame(page, 150, 400));
    const img = await sentPixels(fake, page, [[0.1, 0.1], [0.3, 0.1], [0.1, 0.3], [0.3, 0.3], [0.2, 0.8], [0.99, 0.99], [0.005, 0.005]]);
    expect([img.width, img.height]).toEqual([1200, 800]); // the 600×400 content box at DPR 2, no border
    const WHITE: [number, number, number] = [255, 255, 255];
    expectColours(img.px, [...QUAD_COLOURS, WHITE, WHITE, RED], 2);
    expect((await imageFor(s.worker, id)).source).toMatchObject({ method: 'screenshot-crop', element: 'iframe “Embedded post”' });
    await page.close();
  });
});

describe('picker, keyboard', () => {
  it('Tab cycles through images (shadow roots and canvases too), Shift+Tab goes back, Enter confirms', async () => {
    const page = await open('/gallery.html');
    const id = await pickWith(s.worker, page, async () => {
      for (let i = 0; i < 3; i++) await page.keyboard.press('Tab'); // red img → blue (shadow) → green canvas
      await page.keyboard.press('Shift+Tab'); // back to blue
      await page.keyboard.press('Enter');
    });
    const img = await sentPixels(fake, page, [[0.5, 0.5]]);
    expect([img.width, img.height]).toEqual([100, 100]);
    expectColours(img.px, [BLUE]);
    expect((await imageFor(s.worker, id)).source.srcUrl).toBe(`${fake.origin}/blue.png`);
    await page.close();
  });

  it('Tab wraps around to the first image', async () => {
    const page = await open('/gallery.html');
    await pickWith(s.worker, page, async () => {
      for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
    });
    expectColours((await sentPixels(fake, page, [[0.5, 0.5]])).px, [RED]);
    await page.close();
  });

  it('the canvas reached by Tab is read in the page', async () => {
    const page = await open('/gallery.html');
    const id = await pickWith(s.worker, page, async () => {
      await page.keyboard.press('Shift+Tab'); // backwards from the start: the last one
      await page.keyboard.press('Enter');
    });
    expectColours((await sentPixels(fake, page, [[0.5, 0.5]])).px, [GREEN]);
    expect((await imageFor(s.worker, id)).source.method).toBe('page-read');
    await page.close();
  });

  it('Escape cancels: nothing is sent and the picker is gone', async () => {
    const page = await open('/gallery.html');
    await page.bringToFront();
    const done = menuClick(s.worker, page.url(), { menuItemId: 'describe' });
    await page.waitForSelector('glimpse-picker', { state: 'attached' });
    await page.keyboard.press('Tab');
    await page.keyboard.press('Escape');
    expect(await done).toBeUndefined();
    expect(await page.locator('glimpse-picker').count()).toBe(0);
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.providerRequests()).toHaveLength(0);
    await page.close();
  });
});

describe('visible tab', () => {
  it('“Describe the visible page”: the whole viewport at device pixels, fitted for the provider', async () => {
    const page = await open('/screen.html');
    await page.bringToFront();
    const id = await menuClick(s.worker, page.url(), { menuItemId: 'visible-tab' });
    const img = await sentPixels(fake, page, [...QUAD_POINTS, [0.01, 0.01], [0.99, 0.99]]);
    expect([img.width, img.height]).toEqual([1568, 1098]); // 2000×1400 device px, long edge fitted to 1568
    expectColours(img.px, [...QUAD_COLOURS, QUAD_COLOURS[0]!, QUAD_COLOURS[3]!], 2);
    expect((await imageFor(s.worker, id)).source).toMatchObject({ method: 'visible-tab', element: 'visible part of the page' });
    expect(await s.worker.evaluate(() => (globalThis as any).__e2e.menuIds())).toContain('visible-tab');
    await page.close();
  });
});

describe('opt-in: the image under the right-click, without the picker', () => {
  const registered = () => s.worker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).map((c: any) => c.id));
  const setOption = async (on: boolean) => {
    const opts = await s.ctx.newPage();
    await opts.goto(`chrome-extension://${s.extId}/options.html`);
    const box = opts.getByLabel('Use the image under my right-click, without the picker');
    if ((await box.isChecked()) !== on) await box.click();
    await expect.poll(() => opts.getByText(on ? /^On: / : /^Off: /).count()).toBe(1);
    await opts.close();
    await expect.poll(registered).toEqual(on ? ['glimpse-pointer'] : []);
  };

  /**
   * Opens a page with a frame and right-clicks at (x, y) until the frame whose URL starts with
   * `frameUrl` has recorded it; returns that frame's id. A cross-origin frame is another process:
   * right after it loads, headless Chromium may route a synthetic click to the page instead (its
   * hit-test data is not there yet), or deliver it after the mouse call returns. A user's menu click
   * always comes later, so the test waits as the product need not.
   */
  const rightClickInFrame = async (path: string, frameUrl: string, x: number, y: number) => {
    const page = await open(path);
    await page.frames()[1]!.waitForLoadState();
    await page.bringToFront();
    const url = page.url();
    const frameId = await s.worker.evaluate(async ({ url, frameUrl }) => {
      const [tab] = (await chrome.tabs.query({ url })).sort((a: any, b: any) => b.id - a.id);
      const all = await chrome.scripting.executeScript({ target: { tabId: tab.id, allFrames: true }, func: () => location.href });
      return all.find((r: any) => r.result.startsWith(frameUrl))?.frameId as number;
    }, { url, frameUrl });
    expect(frameId).toBeGreaterThan(0);
    await expect
      .poll(async () => {
        const seen = await s.worker.evaluate(async ({ url, frameId }) => {
          const [tab] = (await chrome.tabs.query({ url })).sort((a: any, b: any) => b.id - a.id);
          const [r] = await chrome.scripting.executeScript({ target: { tabId: tab.id, frameIds: [frameId] }, func: () => !!(globalThis as any).__glimpsePointer });
          return r.result as boolean;
        }, { url, frameId });
        if (!seen) await page.mouse.click(x, y, { button: 'right' });
        return seen;
      })
      .toBe(true);
    return { page, frameId };
  };

  it('on: a right-click on an overlaid <img>, or in a same-origin or cross-origin frame, is answered at once; off: the picker opens', async () => {
    await setOption(true);
    const page = await open('/overlay.html');
    await page.mouse.click(250, 150, { button: 'right' });
    const id = await menuClick(s.worker, page.url(), { menuItemId: 'describe' });
    const img = await sentPixels(fake, page);
    expect([img.width, img.height]).toEqual([400, 200]);
    expectColours(img.px, QUAD_COLOURS);
    expect((await imageFor(s.worker, id)).source).toMatchObject({ srcUrl: `${fake.origin}/q.png`, element: 'img “Quadrants”' });
    expect(await page.locator('glimpse-picker').count()).toBe(0);

    // Inside a same-origin frame, the menu click names that frame; the svg there is cropped at its place on screen.
    fake.reset();
    const { page: framed, frameId } = await rightClickInFrame('/frame.html', `${fake.origin}/inner.html`, 450, 200);
    await menuClick(s.worker, framed.url(), { menuItemId: 'describe', frameId });
    const svg = await sentPixels(fake, framed, EDGES);
    expect([svg.width, svg.height]).toEqual([400, 200]);
    expectColours(svg.px, EDGE_COLOURS);

    // Inside a cross-origin frame the page cannot say where the frame is; the top document can, so
    // the svg there is cropped at its place too, without the picker.
    fake.reset();
    const other = fake.origin.replace('127.0.0.1', 'localhost');
    const { page: xframed, frameId: xFrameId } = await rightClickInFrame('/xframe.html', `${other}/inner.html`, 450, 200);
    await menuClick(s.worker, xframed.url(), { menuItemId: 'describe', frameId: xFrameId });
    const xsvg = await sentPixels(fake, xframed, EDGES);
    expect([xsvg.width, xsvg.height]).toEqual([400, 200]);
    expectColours(xsvg.px, EDGE_COLOURS);
    expect(await xframed.locator('glimpse-picker').count()).toBe(0);
    await xframed.close();

    // Off again: the recorder is unregistered and the picker is back.
    await setOption(false);
    fake.reset();
    const later = await open('/overlay.html');
    await later.bringToFront();
    await later.mouse.click(250, 150, { button: 'right' });
    const done = menuClick(s.worker, later.url(), { menuItemId: 'describe' });
    await later.waitForSelector('glimpse-picker', { state: 'attached' });
    await later.keyboard.press('Escape');
    expect(await done).toBeUndefined();
    for (const p of [page, framed, later]) await p.close();
  });
});
