// Helpers of the uploads bench (uploads.ts): reading what was sent, making photos, timing a click.
import type { Page, Worker } from 'playwright-core';
import type { Recorded } from '../support/fake-provider';
import { sniffMime } from '../support/sent-images';

// Code passed to worker.evaluate runs in the extension, where chrome exists.
declare const chrome: any;

/** Every base64 image payload of a recorded request (a tiled scan sends several) with its type, in any wire format. */
export function sentImages(r: Recorded): { b64: number; mime: string; data: string }[] {
  const b = r.body;
  const of = (mime: string, data: string) => ({ b64: data.length, mime, data });
  const ollama = b.messages?.find((m: any) => m.images)?.images as string[] | undefined;
  if (ollama) return ollama.map((d) => of(sniffMime(d), d));
  const parts = b.messages.at(-1).content as any[];
  const anth = parts.filter((c: any) => c.type === 'image');
  if (anth.length) return anth.map((c: any) => of(c.source.media_type, c.source.data));
  return parts
    .filter((c: any) => c.type === 'image_url')
    .map((c: any) => {
      const url = c.image_url.url as string;
      return of(url.slice(5, url.indexOf(';')), url.slice(url.indexOf(',') + 1));
    });
}

/** The true median (mean of the middle two for an even count). */
export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
export const fmt = (n: number) => n.toFixed(3);
export const b64Len = (n: number) => Math.ceil(n / 3) * 4;

/** Runs the menu handler in the worker; the click time is taken there, just before the handler. */
export async function click(worker: Worker, pageUrl: string, srcUrl: string): Promise<{ t0: number; marks: [string, number][]; p0: number; id?: string }> {
  return worker.evaluate(
    async ({ pageUrl, srcUrl }) => {
      const [tab] = (await chrome.tabs.query({ url: pageUrl })).sort((a: any, b: any) => b.id - a.id);
      const g = globalThis as any;
      g.__glimpseMarks = [];
      const t0 = Date.now();
      const p0 = performance.now();
      const id = await g.__e2e.menuClick({ editable: false, pageUrl, frameId: 0, menuItemId: 'describe', srcUrl }, tab);
      return { t0, p0, marks: g.__glimpseMarks, id };
    },
    { pageUrl, srcUrl },
  );
}

/**
 * A JPEG (quality 0.9) of `w`×`h` (`h` 0: the seed's shape at a long edge of `w`): the photo at `seed`
 * on the fake's origin scaled up, or coloured blocks without one.
 */
export async function makePhoto(page: Page, seed: string | undefined, w: number, h: number): Promise<Buffer> {
  const arr = await page.evaluate(
    async ({ seed, w, h }) => {
      const src = seed ? await createImageBitmap(await (await fetch(seed)).blob()) : undefined;
      if (src && !h) [w, h] = src.width >= src.height ? [w, Math.round((w * src.height) / src.width)] : [Math.round((w * src.width) / src.height), w];
      const c = new OffscreenCanvas(w, h);
      const ctx = c.getContext('2d')!;
      if (src) ctx.drawImage(src, 0, 0, w, h);
      else for (let i = 0; i < 4000; i++) (ctx.fillStyle = `hsl(${i % 360} 60% ${30 + (i % 40)}%)`), ctx.fillRect(Math.random() * w, Math.random() * h, w / 30, h / 25);
      return Array.from(new Uint8Array(await (await c.convertToBlob({ type: 'image/jpeg', quality: 0.9 })).arrayBuffer()));
    },
    { seed, w, h },
  );
  return Buffer.from(arr);
}

export type Rect = { x: number; y: number; width: number; height: number };
/** Where in the original each sent image lies (a crop, or each tile), from the image record the click wrote. */
export async function sentRects(worker: Worker, entryId: string | undefined): Promise<Rect[] | undefined> {
  for (let i = 0; i < 200; i++) {
    const got = await worker.evaluate(
      (id) =>
        new Promise<{ crop?: Rect; tiles?: Rect[] } | null>((resolve, reject) => {
          const open = indexedDB.open('glimpse');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const get = (store: string, key: string) =>
              new Promise<any>((ok) => {
                const req = db.transaction(store, 'readonly').objectStore(store).get(key);
                req.onsuccess = () => ok(req.result);
                req.onerror = () => ok(undefined);
              });
            (async () => {
              const entry = id && (await get('entries', id));
              const thread = entry && (await get('threads', entry.threadId));
              const image = thread?.imageId && (await get('images', thread.imageId));
              db.close();
              resolve(image ? { crop: image.crop, tiles: image.tiles?.map((t: any) => t.rect) } : null);
            })();
          };
        }),
      entryId,
    );
    if (got) return got.tiles ?? (got.crop ? [got.crop] : undefined);
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no image record for entry ${entryId}`);
}

/**
 * Decodes what was sent and compares each image with its part of the original (all of it, its crop,
 * or its tile) drawn at the same size; the worst image counts.
 */
export async function inspect(page: Page, original: Buffer, imgs: { mime: string; data: string }[], rects?: Rect[]) {
  return page.evaluate(
    async ({ orig, imgs, rects }) => {
      const ref = await createImageBitmap(await (await fetch(`data:image/jpeg;base64,${orig}`)).blob());
      let worst = { w: 0, h: 0, ssim: 2, psnr: Infinity };
      for (const [i, img] of imgs.entries()) {
        const sent = await createImageBitmap(await (await fetch(`data:${img.mime};base64,${img.data}`)).blob());
        const { width: w, height: h } = sent;
        const r = rects?.[i] ?? { x: 0, y: 0, width: ref.width, height: ref.height };
        const pixels = (src: ImageBitmap, from: typeof r) => {
          const ctx = new OffscreenCanvas(w, h).getContext('2d')!;
          ctx.imageSmoothingQuality = 'high';
          ctx.drawImage(src, from.x, from.y, from.width, from.height, 0, 0, w, h);
          return ctx.getImageData(0, 0, w, h).data;
        };
        const q = (globalThis as any).imageQuality(pixels(ref, r), pixels(sent, { x: 0, y: 0, width: w, height: h }), w, h);
        if (q.ssim < worst.ssim) worst = { w, h, ...q };
      }
      return worst;
    },
    { orig: original.toString('base64'), imgs: imgs.map(({ mime, data }) => ({ mime, data })), rects },
  );
}

