import { execSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { Page, Worker } from 'playwright-core';
import { PHOTO_QUALITY } from '../../utils/image/encode-policy';
import { FakeProvider, type Recorded } from '../support/fake-provider';
import { sniffMime } from '../support/sent-images';
import { launch, setProfile } from '../e2e/harness';
import { imageQuality } from '../../utils/image/quality';

// Code passed to worker.evaluate runs in the extension, where chrome exists.
declare const chrome: any;

const CORPUS = '../shared/corpus';
const RUNS = 9;
/** Pause before each timed run, so the previous answer's tail (its stream, thumbnail, writes) is over, as between real clicks. */
const SETTLE_MS = 150;
const settle = () => new Promise((r) => setTimeout(r, SETTLE_MS));
const PROFILES = [
  { label: 'OpenAI gpt-4o (tiles)', provider: 'openai', model: 'gpt-4o', path: '/v1' },
  { label: 'OpenAI gpt-4.1-mini (patches)', provider: 'openai', model: 'gpt-4.1-mini', path: '/v1' },
  { label: 'Anthropic', provider: 'anthropic', model: 'claude-sonnet-4-5', path: '' },
  { label: 'Gemini', provider: 'gemini', model: 'gemini-2.5-flash', path: '/v1beta/openai' },
  { label: 'Ollama', provider: 'ollama', model: 'llava', path: '' },
];
type Profile = (typeof PROFILES)[number];

/** Every base64 image payload of a recorded request (a tiled scan sends several) with its type, in any wire format. */
function sentImages(r: Recorded): { b64: number; mime: string; data: string }[] {
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
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const fmt = (n: number) => n.toFixed(3);
const b64Len = (n: number) => Math.ceil(n / 3) * 4;

/** Runs the menu handler in the worker; the click time is taken there, just before the handler. */
async function click(worker: Worker, pageUrl: string, srcUrl: string): Promise<{ t0: number; marks: [string, number][]; p0: number; id?: string }> {
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
async function makePhoto(page: Page, seed: string | undefined, w: number, h: number): Promise<Buffer> {
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

type Rect = { x: number; y: number; width: number; height: number };
/** Where in the original each sent image lies (a crop, or each tile), from the image record the click wrote. */
async function sentRects(worker: Worker, entryId: string | undefined): Promise<Rect[] | undefined> {
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

export async function uploads(): Promise<void> {
  execSync('npm run build:e2e', { stdio: 'ignore' });
  const fake = await new FakeProvider().start();
  fake.plan = { chunks: ['ok'], delayMs: 0 };
  const s = await launch();
  let serial = 0;
  try {
    const page = await s.ctx.newPage();
    fake.pages.set('/p.html', { type: 'text/html', body: '<!doctype html><title>bench</title>' });
    await page.goto(`${fake.origin}/p.html`);
    await page.evaluate(`globalThis.imageQuality = ${imageQuality.toString()}`);

    async function send(p: Profile, path: string) {
      await setProfile(s.worker, { provider: p.provider, baseUrl: `${fake.origin}${p.path}`, model: p.model, apiKey: 'k' });
      fake.requests = [];
      // A fresh URL every time: the worker fetches with force-cache, and a cached earlier file must never stand in.
      const { t0, p0, marks, id } = await click(s.worker, page.url(), `${fake.origin}${path}?n=${serial++}`);
      for (let i = 0; i < 600 && !fake.providerRequests().length; i++) await new Promise((r) => setTimeout(r, 10));
      const req = fake.providerRequests()[0]!;
      const phases = Object.fromEntries(marks.map(([n, t]) => [n, t - p0]));
      const imgs = sentImages(req);
      return { req, id, ms: req.at - t0, phases, img: imgs[0]!, imgs };
    }
    /**
     * Decodes what was sent and compares each image with its part of the original (all of it, its crop,
     * or its tile) drawn at the same size; the worst image counts.
     */
    async function inspect(original: Buffer, imgs: { mime: string; data: string }[], rects?: Rect[]) {
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

    // P2: a 1080p and a 12 MP photo, from a real corpus photo scaled up (or synthetic without the corpus).
    const coco = existsSync(`${CORPUS}/captions/coco`) ? readdirSync(`${CORPUS}/captions/coco`).filter((f) => f.endsWith('.jpg')) : [];
    for (const f of coco) fake.pages.set(`/seed/${f}`, { type: 'image/jpeg', body: readFileSync(`${CORPUS}/captions/coco/${f}`) });
    const seed = coco[0] && `/seed/${coco[0]}`;
    const big = [
      { name: '1080p', path: '/hd.jpg', size: { width: 1920, height: 1080 }, bytes: await makePhoto(page, seed, 1920, 1080) },
      { name: '12 MP', path: '/12mp.jpg', size: { width: 4000, height: 3000 }, bytes: await makePhoto(page, seed, 4000, 3000) },
    ];
    for (const b of big) fake.pages.set(b.path, { type: 'image/jpeg', body: b.bytes });
    await send(PROFILES[0]!, big[0]!.path); // warm-up: the first click loads code paths once

    console.log(`\n## P2 click → request on the wire (median of ${RUNS}, ${SETTLE_MS} ms apart; a fresh URL each time, so the image is fetched every time)`);
    console.log('bare = fetch of the same URL (fresh, not cached) + createImageBitmap + OffscreenCanvas resize (default filter) + encode');
    console.log('       to the same size and type, in the same worker, interleaved runs; target: Glimpse ≤ 1.3× bare');
    console.log('in hand = the old bare: the same without the download, from bytes already fetched');
    const ratios: string[] = [];
    for (const b of big) {
      console.log(`\n### ${b.name} photo (${b.bytes.length >> 10} KB JPEG)`);
      for (const p of PROFILES) {
        const ours: number[] = [];
        const bare: number[] = [];
        const inHand: number[] = [];
        const phases: Record<string, number[]> = {};
        let last!: Awaited<ReturnType<typeof send>>;
        let dims = { w: 0, h: 0, ssim: 0, psnr: 0 };
        for (let i = 0; i < RUNS; i++) {
          await settle();
          last = await send(p, b.path);
          ours.push(last.ms);
          for (const [k, v] of Object.entries(last.phases)) (phases[k] ??= []).push(v);
          if (!i) dims = await inspect(b.bytes, last.imgs);
          await settle();
          const b2 = await s.worker.evaluate(
            async ({ url, w, h, mime, quality }) => {
              const resizeEncode = async (bytes: ArrayBuffer) => {
                const bmp = await createImageBitmap(new Blob([bytes]));
                const c = new OffscreenCanvas(w, h);
                c.getContext('2d')!.drawImage(bmp, 0, 0, w, h);
                await c.convertToBlob({ type: mime, quality });
                bmp.close();
              };
              // The bare baseline: download the same URL fresh, decode, resize, encode.
              let t0 = performance.now();
              const bytes = await (await fetch(`${url}?bare=${Math.random()}`, { cache: 'no-store' })).arrayBuffer();
              await resizeEncode(bytes);
              const bare = performance.now() - t0;
              t0 = performance.now();
              await resizeEncode(bytes);
              return { bare, inHand: performance.now() - t0 };
            },
            { url: `${fake.origin}${b.path}`, w: dims.w, h: dims.h, mime: last.img.mime, quality: PHOTO_QUALITY },
          );
          bare.push(b2.bare);
          inHand.push(b2.inHand);
        }
        const m = median(ours);
        const mb = median(bare);
        const mh = median(inHand);
        const at = (k: string) => (phases[k] ? median(phases[k]!).toFixed(0) : '?');
        ratios.push(`${b.name.padEnd(6)} ${p.label.padEnd(32)} ${(m / mb).toFixed(2)}×`);
        console.log(
          `${p.label.padEnd(32)} ${dims.w}×${dims.h} ${last.img.mime} ${(last.img.b64 / 1024).toFixed(0)} KB base64, SSIM ${fmt(dims.ssim)} PSNR ${dims.psnr.toFixed(1)} | click→request ${m.toFixed(0)} ms, bare ${mb.toFixed(0)} ms, ${(m / mb).toFixed(2)}× | in hand ${mh.toFixed(0)} ms, ${(m / mh).toFixed(2)}× ` +
            `(bytes in hand ${at('obtained')}, decoded ${at('decoded')}, classified ${at('classified')}, encoded ${at('encoded')}, handed to the provider ${at('stream')})`,
        );
      }
    }
    console.log('\n### Glimpse ÷ bare (download included), target ≤ 1.3×');
    for (const r of ratios) console.log(r);

    // The first large photo after the decoder document closed itself (60 s idle): it opens again while the bytes arrive.
    const cold: number[] = [];
    for (let i = 0; i < 5; i++) {
      await s.worker.evaluate(async () => {
        const offscreen = (globalThis as any).chrome.offscreen;
        if (await offscreen.hasDocument()) await offscreen.closeDocument();
      });
      await settle();
      cold.push((await send(PROFILES[0]!, big[1]!.path)).ms);
    }
    console.log(`\n12 MP, ${PROFILES[0]!.label}, with the decoder document closed first: click→request median ${median(cold).toFixed(0)} ms (${cold.map((c) => c.toFixed(0)).join(', ')})`);

    // P1 over the corpus: uploaded base64 / base64 of the original, and what the re-encode cost in quality.
    const list = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.jpg')).map((f) => `${dir}/${f}`) : []);
    const file = (path: string) => async () => readFileSync(path);
    // The corpus has no photo over 4 MP: each COCO photo scaled up to a 12 MP-class size (long edge 4032), as phones take them.
    const upscaled = (f: string) => () => makePhoto(page, `/seed/${f.split('/').pop()}`, 4032, 0);
    const sets: [string, string, [string, () => Promise<Buffer>][]][] = [
      ['photos (COCO)', 'coco', list(`${CORPUS}/captions/coco`).map((f) => [f, file(f)])],
      ['photos over 4 MP (COCO scaled up to a 4032 px long edge, JPEG 0.9)', 'coco12', list(`${CORPUS}/captions/coco`).map((f) => [f, upscaled(f)])],
      ['receipts (SROIE)', 'sroie', list(`${CORPUS}/receipts/sroie`).map((f) => [f, file(f)])],
    ];
    for (const [name, key, files] of sets) {
      if (!files.length) {
        console.log(`\n## P1 ${name}: corpus not present, skipped`);
        continue;
      }
      console.log(`\n## P1 ${name} (${files.length} files): uploaded base64 ÷ base64 of the original; quality of what was sent vs the original at the sent size`);
      console.log('   (SSIM on luma, 8×8 windows; PSNR in dB; a downscale counts against both, as the reference is resampled separately;');
      console.log('    a cropped or tiled scan is compared part by part with the same part of the original, and its worst part counts)');
      const bodies = await Promise.all(files.map(async ([f, make]) => [f, await make()] as const));
      for (const p of PROFILES) {
        const ratios: number[] = [];
        const ssim: number[] = [];
        const psnr: number[] = [];
        const mimes = new Map<string, number>();
        for (const [f, body] of bodies) {
          const path = `/corpus/${key}/${f.split('/').pop()}`;
          fake.pages.set(path, { type: 'image/jpeg', body });
          const { imgs, id } = await send(p, path);
          ratios.push(imgs.reduce((n, i) => n + i.b64, 0) / b64Len(body.length));
          const q = await inspect(body, imgs, await sentRects(s.worker, id));
          ssim.push(q.ssim);
          psnr.push(Math.min(q.psnr, 99));
          for (const i of imgs) mimes.set(i.mime, (mimes.get(i.mime) ?? 0) + 1);
        }
        const types = [...mimes].map(([m, n]) => `${n} ${m.replace('image/', '')}`).join(', ');
        console.log(
          `${p.label.padEnd(32)} median ${fmt(median(ratios))}  worst ${fmt(Math.max(...ratios))} | SSIM median ${fmt(median(ssim))} min ${fmt(Math.min(...ssim))} | PSNR median ${median(psnr).toFixed(1)} min ${Math.min(...psnr).toFixed(1)} | ${types}`,
        );
      }
    }
  } finally {
    await s.close();
    await fake.stop();
  }
}
