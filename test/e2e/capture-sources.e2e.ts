// The `image`/`video` contexts (Chrome passes info.srcUrl): which bytes are sent, and how they were
// obtained (the image record's source.method). Device scale 2, so srcset picks its 2x candidate.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makePng, quadrants } from '../support/png';
import { FakeProvider } from '../support/fake-provider';
import { dbRows, launch, menuClick, openPanel, poll, setProfile, type Session } from './harness';
import { DRAW_QUADRANTS, QUAD_COLOURS, QUAD_POINTS, expectColours, failureOf, imageFor, sentPixels } from './capture-helpers';

declare const chrome: any;
let s: Session;
let fake: FakeProvider;
/** Another origin (localhost, own port) with hotlink protection, as image hosts and CDNs have. */
let hotlink: Server;
let hotOrigin = '';
const hotSeen: { path: string; headers: IncomingHttpHeaders; status: number }[] = [];

const html = (body: string) => ({ type: 'text/html', body: `<!doctype html><title>Sources</title><style>body{margin:0}</style>${body}` });
const grey = makePng(100, 50, () => [128, 128, 128]);

beforeAll(async () => {
  fake = await new FakeProvider().start();
  // Only requests whose Referer is the page's site get the image; everything else gets 403. The worker's
  // own fetch has no such Referer. Paths under /strict go further and serve only the page's own image
  // loads (sec-fetch-dest: image), never a download, Referer or not.
  hotlink = createServer((req, res) => {
    const strict = (req.url ?? '').startsWith('/strict');
    const fromPage = strict ? req.headers['sec-fetch-dest'] === 'image' : (req.headers.referer ?? '').startsWith(fake.origin);
    const status = fromPage ? 200 : 403;
    hotSeen.push({ path: req.url ?? '', headers: req.headers, status });
    if (!fromPage) return void res.writeHead(403, { 'content-type': 'text/plain' }).end('Hotlinking not allowed');
    const cors = req.url === '/strict-cors.png' ? { 'access-control-allow-origin': '*' } : {};
    res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'no-store', ...cors }).end(quadrants(200, 100));
  });
  await new Promise<void>((r) => hotlink.listen(0, '127.0.0.1', r));
  hotOrigin = `http://localhost:${(hotlink.address() as AddressInfo).port}`;

  fake.pages.set('/s-1x.png', { type: 'image/png', body: grey });
  fake.pages.set('/s-2x.png', { type: 'image/png', body: quadrants(400, 200) });
  fake.pages.set('/wide.png', { type: 'image/png', body: quadrants(320, 160) });
  fake.pages.set('/pic.svg', {
    type: 'image/svg+xml',
    // No width/height: only a viewBox. It has no pixel size until a page lays it out.
    body: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 10" shape-rendering="crispEdges"><rect width="10" height="5" fill="#f00"/><rect x="10" width="10" height="5" fill="#0f0"/><rect y="5" width="10" height="5" fill="#00f"/><rect x="10" y="5" width="10" height="5" fill="#ff0"/></svg>',
  });
  // A responsive image shown small: its srcset offers larger files of it (each its own colour here).
  fake.pages.set('/l-400.png', { type: 'image/png', body: makePng(400, 300, () => [255, 0, 0]) });
  fake.pages.set('/l-1600.png', { type: 'image/png', body: makePng(1600, 1200, () => [0, 255, 0]) });
  fake.pages.set('/l-3000.png', { type: 'image/png', body: makePng(300, 225, () => [0, 0, 255]) });
  fake.pages.set('/larger.html', html('<img id="i" srcset="/l-400.png 400w, /l-1600.png 1600w, /l-3000.png 3000w" sizes="200px" src="/l-400.png">'));
  // The author's widths are wrong: the "1600w" file is smaller than the one shown.
  fake.pages.set('/liar.html', html('<img id="i" srcset="/l-400.png 400w, /l-3000.png 1600w" sizes="200px" src="/l-400.png">'));
  fake.pages.set('/srcset.html', html('<img id="i" srcset="/s-1x.png 1x, /s-2x.png 2x" src="/s-1x.png" style="width:200px">'));
  fake.pages.set('/picture.html', html('<picture><source media="(min-width: 800px)" srcset="/wide.png"><img id="i" src="/s-1x.png"></picture>'));
  fake.pages.set('/svg-img.html', html('<img id="i" src="/pic.svg" style="position:absolute;left:30px;top:30px;width:200px;height:100px">'));
  fake.pages.set('/blob.html', html(`<img id="i" style="position:absolute;left:30px;top:30px"><script>
    const c = document.createElement('canvas'); c.width = 120; c.height = 60; ${DRAW_QUADRANTS} drawQuadrants(c.getContext('2d'), 120, 60);
    c.toBlob((b) => { document.getElementById('i').src = URL.createObjectURL(b); });</script>`));
  fake.pages.set('/video-file.html', html('<video id="v" src="/clip.webm" muted preload="auto" style="position:absolute;left:30px;top:30px;width:320px;height:160px"></video>'));

  s = await launch({ scale: 2 });
  await setProfile(s.worker, { provider: 'openai-compatible', baseUrl: `${fake.origin}/v1`, model: 'm' });
  // A real WebM, recorded here by Chromium's MediaRecorder from a canvas of quadrants.
  const maker = await s.ctx.newPage();
  await maker.goto(`${fake.origin}/srcset.html`);
  const webm = await maker.evaluate(async (draw) => {
    const c = document.createElement('canvas');
    c.width = 160;
    c.height = 80;
    const ctx = c.getContext('2d')!;
    (0, eval)(draw);
    const paint = () => (globalThis as any).drawQuadrants(ctx, 160, 80);
    paint();
    const rec = new MediaRecorder(c.captureStream(30), { mimeType: 'video/webm;codecs=vp8' });
    const chunks: Blob[] = [];
    rec.ondataavailable = (e) => chunks.push(e.data);
    const stopped = new Promise((r) => (rec.onstop = r));
    rec.start();
    const timer = setInterval(paint, 30);
    await new Promise((r) => setTimeout(r, 800));
    rec.stop();
    await stopped;
    clearInterval(timer);
    const buf = new Uint8Array(await new Blob(chunks).arrayBuffer());
    return btoa(Array.from(buf, (b) => String.fromCharCode(b)).join(''));
  }, DRAW_QUADRANTS);
  fake.pages.set('/clip.webm', { type: 'video/webm', body: Buffer.from(webm, 'base64') });
  await maker.close();
});
afterAll(async () => {
  await s?.close();
  await fake?.stop();
  await new Promise((r) => hotlink?.close(r));
});
beforeEach(() => fake.reset());

async function open(path: string) {
  const page = await s.ctx.newPage();
  await page.goto(path.startsWith('http') ? path : `${fake.origin}${path}`);
  await page.bringToFront();
  return page;
}
const describeImage = (page: import('playwright-core').Page, srcUrl: string, extra: Record<string, unknown> = {}) =>
  menuClick(s.worker, page.url(), { menuItemId: 'describe', srcUrl, mediaType: 'image', ...extra });
const currentSrc = (page: import('playwright-core').Page) => page.$eval('#i', (i) => (i as HTMLImageElement).currentSrc);

/** A page showing one image from the other (hotlink-checking) host, loaded; that host's request log starts empty. */
async function showHosted(file: string, style = '', attrs = '') {
  const page = await open('/srcset.html');
  await page.setContent(`<img id="i" ${attrs} src="${hotOrigin}/${file}" style="position:absolute;left:40px;top:40px;${style}">`);
  await page.waitForFunction(() => (document.getElementById('i') as HTMLImageElement).naturalWidth > 0);
  hotSeen.length = 0;
  return page;
}

describe('image context: what Chrome passes as srcUrl is what is sent', () => {
  it('srcset at device scale 2: the displayed 2x candidate (currentSrc) is sent', async () => {
    const page = await open('/srcset.html');
    const src = await currentSrc(page);
    expect(src).toBe(`${fake.origin}/s-2x.png`);
    const id = await describeImage(page, src);
    const img = await sentPixels(fake, page);
    expect([img.width, img.height]).toEqual([400, 200]);
    expectColours(img.px, QUAD_COLOURS);
    expect((await imageFor(s.worker, id)).source).toMatchObject({ method: 'worker-fetch', srcUrl: src });
    await page.close();
  });

  it('<picture> with a media query: the chosen <source> is sent', async () => {
    const page = await open('/picture.html');
    const src = await currentSrc(page);
    expect(src).toBe(`${fake.origin}/wide.png`);
    await describeImage(page, src);
    const img = await sentPixels(fake, page);
    expect([img.width, img.height]).toEqual([320, 160]);
    expectColours(img.px, QUAD_COLOURS);
    await page.close();
  });

  it('a srcset image shown smaller than a model can use: the srcset’s larger file is sent, the smallest that is enough, and the entry says so', async () => {
    const page = await open('/larger.html');
    const src = await currentSrc(page);
    expect(src).toBe(`${fake.origin}/l-400.png`);
    const id = await describeImage(page, src);
    const img = await sentPixels(fake, page, [[0.5, 0.5]]);
    expect([img.width, img.height]).toEqual([1568, 1176]); // the 1600×1200 file, fitted to 1568 px
    expectColours(img.px, [[0, 255, 0]]);
    const record = await imageFor(s.worker, id);
    expect(record.notes[0]).toBe('Sent the page’s larger file of this image: 1600×1200 instead of the 400×300 shown.');
    expect(record.source).toMatchObject({ method: 'worker-fetch', srcUrl: src });
    expect(fake.requests.map((r) => r.path)).not.toContain('/l-3000.png');
    await page.close();
  });

  it('a srcset whose larger width is wrong (the file is smaller): the file shown is sent', async () => {
    const page = await open('/liar.html');
    const id = await describeImage(page, await currentSrc(page));
    const img = await sentPixels(fake, page, [[0.5, 0.5]]);
    expect([img.width, img.height]).toEqual([400, 300]);
    expectColours(img.px, [[255, 0, 0]]);
    expect((await imageFor(s.worker, id)).notes.join(' ')).not.toMatch(/larger file/);
    await page.close();
  });

  it('an SVG file without intrinsic size: drawn in the page at its size on screen × DPR', async () => {
    const page = await open('/svg-img.html');
    const id = await describeImage(page, `${fake.origin}/pic.svg`);
    const img = await sentPixels(fake, page, [...QUAD_POINTS, [0.01, 0.02], [0.99, 0.98]]);
    expect([img.mime, img.width, img.height]).toEqual(['image/png', 400, 200]);
    expectColours(img.px, [...QUAD_COLOURS, QUAD_COLOURS[0]!, QUAD_COLOURS[3]!]);
    expect((await imageFor(s.worker, id)).source.method).toBe('page-read');
    await page.close();
  });

  it('video context: the current frame of a real WebM, never the video file', async () => {
    const page = await open('/video-file.html');
    await page.waitForFunction(() => (document.getElementById('v') as HTMLVideoElement).readyState >= 2, undefined, { timeout: 15_000 });
    const id = await menuClick(s.worker, page.url(), { menuItemId: 'describe', srcUrl: `${fake.origin}/clip.webm`, mediaType: 'video' });
    const img = await sentPixels(fake, page);
    expect([img.mime, img.width, img.height]).toEqual(['image/png', 160, 80]);
    expectColours(img.px, QUAD_COLOURS, 60); // VP8-encoded: close, not exact
    expect((await imageFor(s.worker, id)).source).toMatchObject({ method: 'page-read', element: 'video frame (right-clicked)' });
    await page.close();
  });
});

describe('byte sources', () => {
  it('data: URL: decoded in the worker, method data-url', async () => {
    const page = await open('/srcset.html');
    const id = await describeImage(page, `data:image/png;base64,${quadrants(64, 32).toString('base64')}`);
    const img = await sentPixels(fake, page);
    expect([img.width, img.height]).toEqual([64, 32]);
    expectColours(img.px, QUAD_COLOURS);
    expect((await imageFor(s.worker, id)).source.method).toBe('data-url');
    await page.close();
  });

  it('blob: URL: read in the page that owns it, method page-read', async () => {
    const page = await open('/blob.html');
    const src = await page.waitForFunction(() => (document.getElementById('i') as HTMLImageElement).currentSrc || null).then((h) => h.jsonValue() as Promise<string>);
    expect(src).toMatch(/^blob:/);
    const id = await describeImage(page, src);
    const img = await sentPixels(fake, page);
    expect([img.width, img.height]).toEqual([120, 60]);
    expectColours(img.px, QUAD_COLOURS);
    expect((await imageFor(s.worker, id)).source.method).toBe('page-read');
    await page.close();
  });

  it('blob: URL inside a cross-origin iframe: read in the frame given by info.frameId', async () => {
    const page = await open('/srcset.html');
    await page.setContent(`<iframe src="${fake.origin.replace('127.0.0.1', 'localhost')}/blob.html" style="width:400px;height:300px"></iframe>`);
    const frame = page.frames()[1]!;
    const src = await frame.waitForFunction(() => (document.getElementById('i') as HTMLImageElement).currentSrc || null).then((h) => h.jsonValue() as Promise<string>);
    const frameId = await s.worker.evaluate(async (url) => {
      const [tab] = await chrome.tabs.query({ url: '*://127.0.0.1/*', active: true });
      const all = await chrome.scripting.executeScript({ target: { tabId: tab.id, allFrames: true }, func: () => location.href });
      return all.find((r: any) => r.result.includes('localhost'))?.frameId as number;
    }, src);
    expect(frameId).toBeGreaterThan(0);
    const id = await describeImage(page, src, { frameId });
    const img = await sentPixels(fake, page);
    expect([img.width, img.height]).toEqual([120, 60]);
    expect((await imageFor(s.worker, id)).source.method).toBe('page-read');
    await page.close();
  });

  it('hotlink protection that checks the Referer: the worker asks again as the page would, and sends the original file', async () => {
    const page = await showHosted('hot.png', 'width:50px');
    const id = await describeImage(page, `${hotOrigin}/hot.png`);
    const img = await sentPixels(fake, page);
    expect([img.width, img.height]).toEqual([200, 100]); // the file itself, not the 50 px on screen
    expectColours(img.px, QUAD_COLOURS);
    expect((await imageFor(s.worker, id)).source.method).toBe('worker-fetch');
    // First without a Referer (refused), then once with the page's origin, as a browser sends it to another site.
    const worker = hotSeen.filter((r) => r.headers['sec-fetch-dest'] === 'empty');
    expect(worker.map((r) => [r.path, r.headers.referer, r.status])).toEqual([['/hot.png', undefined, 403], ['/hot.png', `${fake.origin}/`, 200]]);
    // The rule that set it is gone: a later download of the same URL has no Referer again.
    expect(await s.worker.evaluate(async () => (await chrome.declarativeNetRequest.getSessionRules()).filter((r: any) => r.id >= 9200 && r.id < 9300))).toEqual([]);
    await page.close();
  });

  it('cross-origin, no CORS, the worker is refused (a host that serves only the page’s own image loads): a screenshot crop of the image', async () => {
    const page = await showHosted('strict.png');
    const id = await describeImage(page, `${hotOrigin}/strict.png`);
    const img = await sentPixels(fake, page, [...QUAD_POINTS, [0.01, 0.02], [0.99, 0.98]]);
    expect([img.width, img.height]).toEqual([400, 200]); // 200×100 CSS px at DPR 2
    expectColours(img.px, [...QUAD_COLOURS, QUAD_COLOURS[0]!, QUAD_COLOURS[3]!]);
    expect((await imageFor(s.worker, id)).source.method).toBe('screenshot-crop');
    // The worker really tried first (its fetch is `sec-fetch-site: none`), again with the page's Referer, and was refused both times.
    expect(hotSeen.filter((r) => r.headers['sec-fetch-site'] === 'none').map((r) => [r.path, r.headers.referer, r.status])).toEqual([['/strict.png', undefined, 403], ['/strict.png', `${fake.origin}/`, 403]]);
    await page.close();
  });

  it('three such captures at once: all three are sent (Chrome allows two screenshots a second; the third waits its turn)', async () => {
    const page = await showHosted('strict.png');
    const ids = await Promise.all([0, 1, 2].map(() => describeImage(page, `${hotOrigin}/strict.png`)));
    await expect.poll(() => fake.providerRequests().length, { timeout: 10_000 }).toBe(3);
    for (const id of ids) expect((await imageFor(s.worker, id)).source.method).toBe('screenshot-crop');
    await page.close();
  });

  it('the same at 150 % browser zoom (and DPR 2): the crop is still exactly the image, at 3 device pixels per CSS pixel', async () => {
    const page = await showHosted('strict.png', 'width:200px;height:100px');
    const zoom = (factor: number) =>
      s.worker.evaluate(
        async ({ url, factor }) => {
          const [tab] = await chrome.tabs.query({ url });
          await chrome.tabs.setZoomSettings(tab.id, { scope: 'per-tab' }); // never the origin's other pages
          await chrome.tabs.setZoom(tab.id, factor);
        },
        { url: page.url(), factor },
      );
    await zoom(1.5);
    try {
      await page.waitForFunction(() => devicePixelRatio === 3);
      const id = await describeImage(page, `${hotOrigin}/strict.png`);
      const img = await sentPixels(fake, page, [...QUAD_POINTS, [0.005, 0.01], [0.995, 0.99]]);
      expect([img.width, img.height]).toEqual([600, 300]);
      expectColours(img.px, [...QUAD_COLOURS, QUAD_COLOURS[0]!, QUAD_COLOURS[3]!]);
      expect((await imageFor(s.worker, id)).source.method).toBe('screenshot-crop');
    } finally {
      await zoom(1);
      await page.close();
    }
  });

  it('the same, with the image taller than the screen: stitched whole from screenshots, not cut at the edge', async () => {
    const page = await showHosted('strict.png', 'width:200px;height:1500px');
    const before = await page.evaluate(() => scrollY);
    const id = await describeImage(page, `${hotOrigin}/strict.png`);
    const img = await sentPixels(fake, page, [...QUAD_POINTS, [0.02, 0.01], [0.98, 0.99]]);
    expect(img.height / img.width).toBeCloseTo(1500 / 200, 1); // all 1500 CSS px, not the 660 that showed
    expectColours(img.px, [...QUAD_COLOURS, QUAD_COLOURS[0]!, QUAD_COLOURS[3]!], 8);
    const record = await imageFor(s.worker, id);
    expect(record.source.method).toBe('screenshot-crop');
    expect(record.notes.join(' ')).not.toMatch(/Only the part/);
    expect(await page.evaluate(() => scrollY)).toBe(before);
    await page.close();
  });

  it('the same, with the image partly below the fold: scrolled into view, then cropped whole', async () => {
    const page = await showHosted('strict.png', 'width:400px;height:200px;top:calc(100vh - 100px)');
    const id = await describeImage(page, `${hotOrigin}/strict.png`);
    const img = await sentPixels(fake, page, [...QUAD_POINTS, [0.01, 0.02], [0.99, 0.98]]);
    expect([img.width, img.height]).toEqual([800, 400]); // all 400×200 CSS px at DPR 2, not the 100 px that showed
    expectColours(img.px, [...QUAD_COLOURS, QUAD_COLOURS[0]!, QUAD_COLOURS[3]!]);
    const record = await imageFor(s.worker, id);
    expect(record.source.method).toBe('screenshot-crop');
    expect(record.notes.join(' ')).not.toMatch(/Only the part/);
    expect(await page.evaluate(() => scrollY)).toBeGreaterThan(0);
    await page.close();
  });

  it('the same, scrolled until only its last 300 px show: the part above the screen is stitched in too, and the scroll comes back', async () => {
    const page = await showHosted('strict.png', 'width:400px;height:3000px');
    await page.evaluate(() => ((document.body.style.height = '5000px'), scrollTo(0, 40 + 3000 - 300)));
    await describeImage(page, `${hotOrigin}/strict.png`);
    const end = await sentPixels(fake, page, [...QUAD_POINTS]);
    expect(end.height / end.width).toBeCloseTo(3000 / 400, 1);
    expectColours(end.px, QUAD_COLOURS, 8);
    expect(await page.evaluate(() => scrollY)).toBe(40 + 3000 - 300);
    await page.close();
  });

  it('cross-origin with CORS for the page, the worker refused: read in the page at full resolution', async () => {
    const page = await showHosted('strict-cors.png', 'width:50px', 'crossorigin="anonymous"');
    const id = await describeImage(page, `${hotOrigin}/strict-cors.png`);
    const img = await sentPixels(fake, page);
    expect([img.width, img.height]).toEqual([200, 100]); // its own pixels, not the 50 px on screen
    expectColours(img.px, QUAD_COLOURS);
    expect((await imageFor(s.worker, id)).source.method).toBe('page-read');
    await page.close();
  });

  it('refused and not on the page: a failed entry that says what to do', async () => {
    const page = await open('/srcset.html');
    const id = await describeImage(page, `${hotOrigin}/strict-elsewhere.png`);
    const err = await failureOf(s.worker, id);
    expect(err.kind).toBe('capture-http');
    expect(err.message).toMatch(/403.*Capture a region/);
    expect(fake.providerRequests()).toHaveLength(0);
    await page.close();
  });

  it('a crop made for want of access: the panel offers all-sites access, and taking it captures the original file in a new thread', async () => {
    const page = await open('/srcset.html');
    const src = await currentSrc(page);
    const id = await describeImage(page, src);
    await sentPixels(fake, page);
    const first = await imageFor(s.worker, id);
    // This build may download from every site, so the state a capture without that access leaves is set here.
    await s.worker.evaluate(
      (imageId) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('glimpse');
          open.onsuccess = () => {
            const tx = open.result.transaction(['images', 'threads'], 'readwrite');
            const mark = (row: any) => ({ ...row, source: { ...row.source, method: 'screenshot-crop', lacksAccess: true } });
            const images = tx.objectStore('images');
            const threads = tx.objectStore('threads');
            const image = images.get(imageId);
            image.onsuccess = () => images.put(mark(image.result));
            const all = threads.getAll();
            all.onsuccess = () => all.result.filter((t: any) => t.imageId === imageId).forEach((t: any) => threads.put(mark(t)));
            tx.oncomplete = () => (open.result.close(), resolve());
            tx.onerror = () => reject(tx.error);
          };
        }),
      first.id,
    );
    const panel = await openPanel(s);
    const offer = panel.getByTestId('full-quality');
    await expect.poll(() => offer.count()).toBe(1);
    expect(await offer.textContent()).toBe('Allow Glimpse to download original images from all sites, for full quality');
    await page.bringToFront();
    fake.reset();
    const before = new Set((await dbRows(s.worker, 'images')).map((i) => i.id));
    await offer.click();
    const img = await sentPixels(fake, page);
    expect([img.width, img.height]).toEqual([400, 200]);
    expectColours(img.px, QUAD_COLOURS);
    const again = await poll(async () => (await dbRows(s.worker, 'images')).find((i) => !before.has(i.id)), 'the new image row');
    expect(again.source).toMatchObject({ method: 'worker-fetch', srcUrl: src });
    expect(again.source.lacksAccess).toBeUndefined();
    // The offer is spent: the first thread no longer shows it.
    expect((await dbRows(s.worker, 'images')).find((i) => i.id === first.id)!.source.lacksAccess).toBeUndefined();
    await expect.poll(() => offer.count()).toBe(0);
    await panel.close();
    await page.close();
  });

  it('Retry of a failed capture takes every way again: once the image is shown, it is cropped from the page', async () => {
    const page = await open('/srcset.html');
    const id = await describeImage(page, `${hotOrigin}/strict.png`);
    expect((await failureOf(s.worker, id)).kind).toBe('capture-http');
    await page.evaluate((src) => {
      document.body.innerHTML = `<img id="i" src="${src}" style="position:absolute;left:40px;top:40px">`;
    }, `${hotOrigin}/strict.png`);
    await page.waitForFunction(() => (document.getElementById('i') as HTMLImageElement).naturalWidth > 0);
    const panel = await openPanel(s);
    await page.bringToFront(); // the crop is of the tab on screen, as when the side panel sits beside it
    const card = panel.getByTestId('answer').filter({ has: panel.getByTestId('error') }).first();
    await card.getByRole('button', { name: 'Retry' }).click();
    const img = await sentPixels(fake, page);
    expect([img.width, img.height]).toEqual([400, 200]);
    expectColours(img.px, QUAD_COLOURS);
    const image = await poll(async () => (await dbRows(s.worker, 'images')).find((i) => i.source.srcUrl === `${hotOrigin}/strict.png`), 'the image row');
    expect(image.source.method).toBe('screenshot-crop');
    await panel.close();
    await page.close();
  });
});
