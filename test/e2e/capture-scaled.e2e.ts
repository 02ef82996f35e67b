// A large JPEG is decoded at a fraction of its size (WebCodecs in an offscreen document, since the
// service worker has none), not decoded in full and shrunk: the pixels that reach the provider are
// checked, and so is that no full decode happened, before and after the worker is killed.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Worker } from 'playwright-core';
import { targetSize } from '../../utils/image/vision-rules';
import { FakeProvider } from '../support/fake-provider';
import { dbRows, inspectImage, killWorker, launch, liveWorker, menuClick, openPanel, setProfile, type Session } from './harness';
import { expectColours, imageFor, sentImage, RED, BLUE, QUAD_COLOURS, QUAD_POINTS } from './capture-helpers';

let s: Session;
let fake: FakeProvider;
let page: import('playwright-core').Page;
let photo: Buffer;
/** A phone-style photo: stored 3000×4000 with EXIF orientation 6, upright 4000×3000 quadrants (red, green / blue, yellow). */
let turned: Buffer;
const W = 4000;
const H = 3000;

/** Records the size of every Blob the worker decodes in full. */
function spyFullDecodes(worker: Worker) {
  return worker.evaluate(() => {
    const g = globalThis as any;
    g.__fullDecodes = [];
    g.__origDecode ??= g.createImageBitmap;
    g.createImageBitmap = (src: unknown, ...rest: unknown[]) => {
      if (src instanceof Blob) g.__fullDecodes.push(src.size);
      return g.__origDecode(src, ...rest);
    };
  });
}

async function capture(worker: Worker, name: string) {
  fake.pages.set(`/c/${name}`, { type: 'image/jpeg', body: photo });
  const id = await menuClick(worker, page.url(), { menuItemId: 'describe', srcUrl: `${fake.origin}/c/${name}`, mediaType: 'image' });
  const url = await sentImage(fake);
  // Top half: red | blue. Bottom half: 1-px black and white stripes, which must average to grey, not alias.
  const img = await inspectImage(page, url, [[0.25, 0.25], [0.75, 0.25]]);
  const stripes = await page.evaluate(async (dataUrl) => {
    const bmp = await createImageBitmap(await (await fetch(dataUrl)).blob());
    const ctx = new OffscreenCanvas(bmp.width, bmp.height).getContext('2d')!;
    ctx.drawImage(bmp, 0, 0);
    const d = ctx.getImageData(Math.round(bmp.width * 0.3), Math.round(bmp.height * 0.7), 200, 100).data;
    const luma: number[] = [];
    for (let i = 0; i < d.length; i += 4) luma.push(0.299 * d[i]! + 0.587 * d[i + 1]! + 0.114 * d[i + 2]!);
    const mean = luma.reduce((a, b) => a + b, 0) / luma.length;
    return { mean, sd: Math.sqrt(luma.reduce((a, b) => a + (b - mean) ** 2, 0) / luma.length) };
  }, url);
  return { ...img, stripes, record: await imageFor(worker, id), fullDecodes: await worker.evaluate(() => (globalThis as any).__fullDecodes as number[]) };
}

const offscreenDocs = (worker: Worker) =>
  worker.evaluate(async () => {
    const runtime = (globalThis as any).chrome.runtime;
    return (await runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] })).length as number;
  });

beforeAll(async () => {
  fake = await new FakeProvider().start();
  fake.pages.set('/scaled.html', { type: 'text/html', body: '<!doctype html><title>Scaled</title>' });
  s = await launch();
  await setProfile(s.worker, { provider: 'openai-compatible', baseUrl: `${fake.origin}/v1`, model: 'm' });
  page = await s.ctx.newPage();
  await page.goto(`${fake.origin}/scaled.html`);
  photo = Buffer.from(
    await page.evaluate(
      async ({ w, h }) => {
        const c = new OffscreenCanvas(w, h);
        const ctx = c.getContext('2d')!;
        ctx.fillStyle = '#f00';
        ctx.fillRect(0, 0, w / 2, h / 2);
        ctx.fillStyle = '#00f';
        ctx.fillRect(w / 2, 0, w / 2, h / 2);
        for (let x = 0; x < w; x++) (ctx.fillStyle = x % 2 ? '#fff' : '#000'), ctx.fillRect(x, h / 2, 1, h / 2);
        return Array.from(new Uint8Array(await (await c.convertToBlob({ type: 'image/jpeg', quality: 0.95 })).arrayBuffer()));
      },
      { w: W, h: H },
    ),
  );
});
beforeAll(async () => {
  const stored = Buffer.from(
    await page.evaluate(async () => {
      const c = new OffscreenCanvas(3000, 4000);
      const ctx = c.getContext('2d')!;
      // Upright (x, y) lands at stored (y, 4000 − x): turning the stored image a quarter clockwise shows it upright.
      ctx.translate(0, 4000);
      ctx.rotate(-Math.PI / 2);
      for (const [colour, x, y] of [['#f00', 0, 0], ['#0f0', 2000, 0], ['#00f', 0, 1500], ['#ff0', 2000, 1500]] as const) {
        ctx.fillStyle = colour;
        ctx.fillRect(x, y, 2000, 1500);
      }
      return Array.from(new Uint8Array(await (await c.convertToBlob({ type: 'image/jpeg', quality: 0.95 })).arrayBuffer()));
    }),
  );
  // A minimal big-endian EXIF segment saying orientation 6, right after the start-of-image marker.
  const exif = Buffer.from([0xff, 0xe1, 0, 34, ...Buffer.from('Exif\0\0', 'latin1'), 0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0]);
  turned = Buffer.concat([stored.subarray(0, 2), exif, stored.subarray(2)]);
});
afterAll(async () => {
  await s?.close();
  await fake?.stop();
});
beforeEach(() => fake.reset());

describe('a 12 MP JPEG photo', () => {
  const out = targetSize('openai-compatible', 'm', { width: W, height: H });

  it('is decoded at reduced size in the offscreen document, never in full, and sent sharp where it should be and grey where stripes are finer than a pixel', async () => {
    await spyFullDecodes(s.worker);
    const got = await capture(s.worker, 'big.jpg');
    expect([got.width, got.height]).toEqual([out.width, out.height]);
    expect(got.record.original).toMatchObject({ width: W, height: H });
    expect(got.record.notes.join(' ')).toContain(`${W}×${H}`);
    expectColours(got.px, [RED, BLUE], 40);
    // A bilinear shrink of 1-px stripes to 39 % gives moiré (sd ≈ 60–120); averaging gives flat grey.
    expect(got.stripes.mean).toBeGreaterThan(100);
    expect(got.stripes.mean).toBeLessThan(160);
    expect(got.stripes.sd).toBeLessThan(20);
    expect(got.fullDecodes).not.toContain(photo.length);
    expect(await offscreenDocs(s.worker)).toBe(1);
  });

  it('a turned phone photo (EXIF 6) is decoded small and upright, never in full', async () => {
    await spyFullDecodes(s.worker);
    fake.pages.set('/c/turned.jpg', { type: 'image/jpeg', body: turned });
    const id = await menuClick(s.worker, page.url(), { menuItemId: 'describe', srcUrl: `${fake.origin}/c/turned.jpg`, mediaType: 'image' });
    const img = await inspectImage(page, await sentImage(fake), QUAD_POINTS);
    expect([img.width, img.height]).toEqual([out.width, out.height]);
    expectColours(img.px, QUAD_COLOURS, 40);
    expect((await imageFor(s.worker, id)).original).toMatchObject({ width: W, height: H });
    expect(await s.worker.evaluate(() => (globalThis as any).__fullDecodes)).not.toContain(turned.length);
  });

  it('after the worker is killed, the new worker reaches the same decoder document again', async () => {
    await killWorker(s);
    const panel = await openPanel(s); // wakes the worker, as a menu click would
    await page.bringToFront();
    const worker = await liveWorker(s.ctx);
    expect(await offscreenDocs(worker)).toBe(1); // the document outlived the worker
    await spyFullDecodes(worker);
    const got = await capture(worker, 'again.jpg');
    expect([got.width, got.height]).toEqual([out.width, out.height]);
    expectColours(got.px, [RED, BLUE], 40);
    expect(got.fullDecodes).not.toContain(photo.length);
    expect(await offscreenDocs(worker)).toBe(1);
    await panel.close();
  });
});

describe('a 1920×1080 photo to a Gemini 2.x profile', () => {
  it('goes as 1365×768, two 768-px tiles (516 tokens), not 1536×864 (four), and the estimate says so', async () => {
    const hd = Buffer.from(
      await page.evaluate(async () => {
        const c = new OffscreenCanvas(1920, 1080);
        const ctx = c.getContext('2d')!;
        for (const [colour, x, y] of [['#f00', 0, 0], ['#0f0', 960, 0], ['#00f', 0, 540], ['#ff0', 960, 540]] as const) {
          ctx.fillStyle = colour;
          ctx.fillRect(x, y, 960, 540);
        }
        return Array.from(new Uint8Array(await (await c.convertToBlob({ type: 'image/jpeg', quality: 0.95 })).arrayBuffer()));
      }),
    );
    await setProfile(s.worker, { provider: 'gemini', baseUrl: `${fake.origin}/v1beta/openai`, model: 'gemini-2.5-flash-lite', apiKey: 'g' });
    try {
      fake.pages.set('/c/hd.jpg', { type: 'image/jpeg', body: hd });
      const id = await menuClick(s.worker, page.url(), { menuItemId: 'describe', srcUrl: `${fake.origin}/c/hd.jpg`, mediaType: 'image' });
      const img = await inspectImage(page, await sentImage(fake), QUAD_POINTS);
      expect([img.width, img.height]).toEqual([1365, 768]);
      expectColours(img.px, QUAD_COLOURS, 40);
      expect(fake.providerRequests()[0]!.path).toBe('/v1beta/openai/chat/completions');
      await expect.poll(async () => (await dbRows(s.worker, 'entries')).find((e) => e.id === id)?.estimate).toMatchObject({ imageTokens: 516, rule: 'Gemini 258 per 768-px tile' });
      expect((await imageFor(s.worker, id)).original).toMatchObject({ width: 1920, height: 1080 });
    } finally {
      await setProfile(s.worker, { provider: 'openai-compatible', baseUrl: `${fake.origin}/v1`, model: 'm' });
    }
  });
});
