// A 35 MP receipt scan (sroie_301.jpg, 4961×7016, from the shared corpus; see ../shared/corpus/SOURCES.md)
// right-clicked with "Read text in image": the request at the fake provider carries the crop or its tiles,
// each within the provider's size rule and limits, together holding every OCR line whole, with lines at
// least 30 px tall as the provider sees them; the pixels are the original's at those places.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { targetSize } from '../../utils/image/vision-rules';
import { base64Size, imageLimits, LEGIBLE_PX } from '../../utils/image/tiles';
import { boxes, inside, median, SROIE } from '../support/sroie';
import { imagesOf } from '../support/sent-images';
import { menuClick, openPanel, poll, setProfile } from './harness';
import { suite, type Suite } from './suite';

const SCAN = `${SROIE}/sroie_301.jpg`;
let env: Suite;
let page: Page;

/**
 * Each received image against the original's region it claims to show (drawn at the same size): the
 * mean grey difference, and the received size. The original is decoded once in the page.
 */
async function compare(sent: { mime: string; b64: string }[], rects: { x: number; y: number; width: number; height: number }[]) {
  return page.evaluate(
    async ({ sent, rects, url }) => {
      const orig = await createImageBitmap(await (await fetch(url)).blob());
      const grey = (d: Uint8ClampedArray) => Array.from({ length: d.length / 4 }, (_, i) => 0.299 * d[4 * i]! + 0.587 * d[4 * i + 1]! + 0.114 * d[4 * i + 2]!);
      const out = [];
      for (let i = 0; i < sent.length; i++) {
        const bmp = await createImageBitmap(await (await fetch(`data:${sent[i]!.mime};base64,${sent[i]!.b64}`)).blob());
        const r = rects[i]!;
        const draw = (src: ImageBitmap, from?: typeof r) => {
          const ctx = new OffscreenCanvas(bmp.width, bmp.height).getContext('2d')!;
          if (from) ctx.drawImage(src, from.x, from.y, from.width, from.height, 0, 0, bmp.width, bmp.height);
          else ctx.drawImage(src, 0, 0);
          return grey(ctx.getImageData(0, 0, bmp.width, bmp.height).data);
        };
        const a = draw(bmp);
        const b = draw(orig, r);
        out.push({ width: bmp.width, height: bmp.height, diff: a.reduce((s, v, j) => s + Math.abs(v - b[j]!), 0) / a.length });
      }
      return out;
    },
    { sent, rects, url: `${env.fake.origin}/sroie_301.jpg` },
  );
}

/** The crop and tile rectangles the worker stored with the image (the bytes stay in the worker). */
async function storedLayout(entryId: string) {
  return poll(
    () =>
      env.s.worker.evaluate(async (id) => {
        const open = await new Promise<IDBDatabase>((res, rej) => {
          const r = indexedDB.open('glimpse');
          r.onsuccess = () => res(r.result);
          r.onerror = () => rej(r.error);
        });
        const get = (store: string, key: string) =>
          new Promise<any>((res) => {
            const r = open.transaction(store, 'readonly').objectStore(store).get(key);
            r.onsuccess = () => res(r.result);
          });
        const entry = await get('entries', id);
        const thread = entry && (await get('threads', entry.threadId));
        const image = thread?.imageId && (await get('images', thread.imageId));
        open.close();
        return image && { crop: image.crop, tiles: image.tiles?.map((t: any) => t.rect), notes: image.notes, width: image.width, height: image.height };
      }, entryId),
    'the stored image',
    30_000,
  );
}

describe.skipIf(!existsSync(SCAN))('sroie_301.jpg: cropped, tiled where needed, legible for every provider', () => {
  suite({
    ready: (e) => (env = e),
    pages: (fake) => {
      fake.pages.set('/r.html', { type: 'text/html', body: '<!doctype html><title>receipt</title>' });
      fake.pages.set('/sroie_301.jpg', { type: 'image/jpeg', body: readFileSync(SCAN) });
    },
  });
  const bs = existsSync(SCAN) ? boxes('sroie_301') : [];
  const line = bs.length ? median(bs.map((b) => b.y1 - b.y0)) : 0;

  it.each([
    ['ollama', 'llava', '', 2],
    ['anthropic', 'claude-sonnet-4-5', '', 1],
    ['gemini', 'gemini-2.5-flash', '/v1beta/openai', 1],
    ['openai', 'gpt-4.1-mini', '/v1', 1],
  ])('%s %s: the request carries the tiles, within the rule and limits, holding every OCR line whole', async (provider, model, path, tiles) => {
    page ??= await env.s.ctx.newPage();
    if (page.url() === 'about:blank') await page.goto(`${env.fake.origin}/r.html`);
    env.fake.plan = { chunks: ['ok'], delayMs: 0 };
    await setProfile(env.s.worker, { provider, baseUrl: `${env.fake.origin}${path}`, model, apiKey: 'k' });
    const id = await menuClick(env.s.worker, page.url(), { menuItemId: 'transcribe', srcUrl: `${env.fake.origin}/sroie_301.jpg`, mediaType: 'image' });
    const req = await poll(async () => env.fake.providerRequests()[0], 'the request', 60_000);
    const sent = imagesOf(req);
    const stored = await storedLayout(id!);
    const rects = stored.tiles ?? [stored.crop];
    expect(sent).toHaveLength(tiles);
    expect(rects).toHaveLength(tiles);
    // Cropped to the receipt: far less than the 35 MP page, and said so.
    expect(stored.crop.width * stored.crop.height).toBeLessThan(0.3 * 4961 * 7016);
    expect(stored.notes.join(' ')).toMatch(tiles > 1 ? /Cropped to the document.*overlapping tiles/s : /Cropped to the document/);
    // Within the provider's limits: count, bytes, and each image already at its size rule.
    const limits = imageLimits(provider);
    expect(sent.length).toBeLessThanOrEqual(limits.maxImages);
    const sizes = sent.map((i) => i.b64.length);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(limits.maxImageBytes);
    expect(sizes.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(limits.maxRequestBytes);
    expect(base64Size(Buffer.from(sent[0]!.b64, 'base64').length)).toBe(sent[0]!.b64.length);
    const got = await compare(sent, rects);
    for (const g of got) expect(targetSize(provider, model, g)).toEqual({ width: g.width, height: g.height });
    // The pixels are the original's at the stored places (JPEG noise and resampling only).
    for (const g of got) expect(g.diff).toBeLessThan(6);
    // Every OCR line whole in some tile, at ≥ 30 px as sent.
    const outside = bs.filter((b) => !rects.some((r: { x: number; y: number; width: number; height: number }) => inside(b, r)));
    expect(outside.map((b) => b.text)).toEqual([]);
    for (const [i, g] of got.entries()) expect((line * g.height) / rects[i]!.height).toBeGreaterThanOrEqual(LEGIBLE_PX);
  }, 120_000);

  it('the panel shows the tiles; a follow-up question sends the same tiles again', async () => {
    page ??= await env.s.ctx.newPage();
    if (page.url() === 'about:blank') await page.goto(`${env.fake.origin}/r.html`);
    env.fake.plan = { chunks: ['First answer.'], delayMs: 0 };
    await setProfile(env.s.worker, { provider: 'ollama', baseUrl: env.fake.origin, model: 'llava', apiKey: 'k' });
    const panel = await openPanel(env.s);
    await menuClick(env.s.worker, page.url(), { menuItemId: 'transcribe', srcUrl: `${env.fake.origin}/sroie_301.jpg`, mediaType: 'image' });
    const first = imagesOf(await poll(async () => env.fake.providerRequests()[0], 'the request', 60_000));
    expect(first).toHaveLength(2);
    await expect.poll(() => panel.getByTestId('answer').first().getAttribute('data-status'), { timeout: 30_000 }).toBe('done');
    const strip = panel.getByRole('list', { name: 'The 2 tiles sent to the model' });
    await expect.poll(() => strip.getByRole('img').count()).toBe(2);
    expect(await strip.getByRole('img').first().getAttribute('alt')).toMatch(/^Tile 1 of 2, \d+×\d+ px$/);
    await expect.poll(() => strip.getByRole('img').first().evaluate((i: HTMLImageElement) => i.naturalWidth)).toBeGreaterThan(0);
    env.fake.plan = { chunks: ['Follow-up answer.'], delayMs: 0 };
    await panel.getByRole('textbox', { name: /Ask/ }).fill('And the total?');
    await panel.keyboard.press('Enter');
    const second = imagesOf(await poll(async () => env.fake.providerRequests()[1], 'the follow-up', 30_000));
    expect(second.map((i) => i.b64)).toEqual(first.map((i) => i.b64));
    await panel.close();
  }, 120_000);
});
