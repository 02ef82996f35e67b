import { execSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { Page, Worker } from 'playwright-core';
import { PHOTO_QUALITY, smoothingFor } from '../../utils/image/encode-policy';
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

/** The base64 image payload and its type, from a recorded request in any wire format. */
function sentImage(r: Recorded): { b64: number; mime: string; data: string } {
  const b = r.body;
  const ollama = b.messages?.find((m: any) => m.images)?.images[0];
  if (ollama) return { b64: ollama.length, mime: sniffMime(ollama), data: ollama };
  const last = b.messages.at(-1).content;
  const anth = last.find?.((c: any) => c.type === 'image');
  if (anth) return { b64: anth.source.data.length, mime: anth.source.media_type, data: anth.source.data };
  const url = last.find((c: any) => c.type === 'image_url').image_url.url as string;
  const data = url.slice(url.indexOf(',') + 1);
  return { b64: data.length, mime: url.slice(5, url.indexOf(';')), data };
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
async function click(worker: Worker, pageUrl: string, srcUrl: string): Promise<{ t0: number; marks: [string, number][]; p0: number }> {
  return worker.evaluate(
    async ({ pageUrl, srcUrl }) => {
      const [tab] = (await chrome.tabs.query({ url: pageUrl })).sort((a: any, b: any) => b.id - a.id);
      const g = globalThis as any;
      g.__glimpseMarks = [];
      const t0 = Date.now();
      const p0 = performance.now();
      await g.__e2e.menuClick({ editable: false, pageUrl, frameId: 0, menuItemId: 'describe', srcUrl }, tab);
      return { t0, p0, marks: g.__glimpseMarks };
    },
    { pageUrl, srcUrl },
  );
}

async function makePhoto(page: Page, hasSeed: boolean, w: number, h: number): Promise<Buffer> {
  const arr = await page.evaluate(
    async ({ hasSeed, w, h }) => {
      const c = new OffscreenCanvas(w, h);
      const ctx = c.getContext('2d')!;
      if (hasSeed) ctx.drawImage(await createImageBitmap(await (await fetch('/seed.jpg')).blob()), 0, 0, w, h);
      else for (let i = 0; i < 4000; i++) (ctx.fillStyle = `hsl(${i % 360} 60% ${30 + (i % 40)}%)`), ctx.fillRect(Math.random() * w, Math.random() * h, w / 30, h / 25);
      return Array.from(new Uint8Array(await (await c.convertToBlob({ type: 'image/jpeg', quality: 0.9 })).arrayBuffer()));
    },
    { hasSeed, w, h },
  );
  return Buffer.from(arr);
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
      const { t0, p0, marks } = await click(s.worker, page.url(), `${fake.origin}${path}?n=${serial++}`);
      for (let i = 0; i < 600 && !fake.providerRequests().length; i++) await new Promise((r) => setTimeout(r, 10));
      const req = fake.providerRequests()[0]!;
      const phases = Object.fromEntries(marks.map(([n, t]) => [n, t - p0]));
      return { req, ms: req.at - t0, phases, img: sentImage(req) };
    }
    /** Decodes what was sent and compares it with the original drawn at the same size. */
    async function inspect(original: Buffer, img: { mime: string; data: string }) {
      return page.evaluate(
        async ({ orig, mime, data }) => {
          const sent = await createImageBitmap(await (await fetch(`data:${mime};base64,${data}`)).blob());
          const { width: w, height: h } = sent;
          const pixels = async (src: ImageBitmap) => {
            const ctx = new OffscreenCanvas(w, h).getContext('2d')!;
            ctx.imageSmoothingQuality = 'high';
            ctx.drawImage(src, 0, 0, w, h);
            return ctx.getImageData(0, 0, w, h).data;
          };
          const ref = await createImageBitmap(await (await fetch(`data:image/jpeg;base64,${orig}`)).blob());
          const q = (globalThis as any).imageQuality(await pixels(ref), await pixels(sent), w, h);
          return { w, h, ...q };
        },
        { orig: original.toString('base64'), mime: img.mime, data: img.data },
      );
    }

    // P2: a 1080p and a 12 MP photo, from a real corpus photo scaled up (or synthetic without the corpus).
    const coco = existsSync(`${CORPUS}/captions/coco`) ? readdirSync(`${CORPUS}/captions/coco`).filter((f) => f.endsWith('.jpg')) : [];
    if (coco[0]) fake.pages.set('/seed.jpg', { type: 'image/jpeg', body: readFileSync(`${CORPUS}/captions/coco/${coco[0]}`) });
    const big = [
      { name: '1080p', path: '/hd.jpg', size: { width: 1920, height: 1080 }, bytes: await makePhoto(page, !!coco[0], 1920, 1080) },
      { name: '12 MP', path: '/12mp.jpg', size: { width: 4000, height: 3000 }, bytes: await makePhoto(page, !!coco[0], 4000, 3000) },
    ];
    for (const b of big) fake.pages.set(b.path, { type: 'image/jpeg', body: b.bytes });
    await send(PROFILES[0]!, big[0]!.path); // warm-up: the first click loads code paths once

    console.log(`\n## P2 click → request on the wire (median of ${RUNS}, ${SETTLE_MS} ms apart; a fresh URL each time, so the image is fetched every time)`);
    console.log('bare = createImageBitmap + OffscreenCanvas resize + encode of the same bytes to the same size and type, same worker, interleaved runs');
    console.log('full = the same, plus fetching the bytes fresh and downscaling with the filter Glimpse uses (mipmapped below half size):');
    console.log('       the path before scaled decoding, and still the one for PNG or a JPEG less than twice the size sent');
    for (const b of big) {
      console.log(`\n### ${b.name} photo (${b.bytes.length >> 10} KB JPEG)`);
      for (const p of PROFILES) {
        const ours: number[] = [];
        const bare: number[] = [];
        const floor: number[] = [];
        const phases: Record<string, number[]> = {};
        let last!: Awaited<ReturnType<typeof send>>;
        let dims = { w: 0, h: 0, ssim: 0, psnr: 0 };
        for (let i = 0; i < RUNS; i++) {
          await settle();
          last = await send(p, b.path);
          ours.push(last.ms);
          for (const [k, v] of Object.entries(last.phases)) (phases[k] ??= []).push(v);
          if (!i) dims = await inspect(b.bytes, last.img);
          await settle();
          const b2 = await s.worker.evaluate(
            async ({ url, w, h, mime, quality, smoothing }) => {
              // The bare baseline: decode, resize (default bilinear) and encode bytes already in hand.
              const bytes = await (await fetch(url)).arrayBuffer();
              let t0 = performance.now();
              let bmp = await createImageBitmap(new Blob([bytes]));
              let c = new OffscreenCanvas(w, h);
              c.getContext('2d')!.drawImage(bmp, 0, 0, w, h);
              await c.convertToBlob({ type: mime, quality });
              bmp.close();
              const bare = performance.now() - t0;
              // A full decode as Glimpse does one: fetched fresh, downscaled with the same filter.
              t0 = performance.now();
              const fresh = await (await fetch(`${url}?bare=${Math.random()}`, { credentials: 'include', cache: 'force-cache' })).arrayBuffer();
              bmp = await createImageBitmap(new Blob([fresh]));
              c = new OffscreenCanvas(w, h);
              const ctx = c.getContext('2d')!;
              ctx.imageSmoothingQuality = smoothing;
              ctx.drawImage(bmp, 0, 0, w, h);
              await c.convertToBlob({ type: mime, quality });
              bmp.close();
              return { bare, floor: performance.now() - t0 };
            },
            { url: `${fake.origin}${b.path}`, w: dims.w, h: dims.h, mime: last.img.mime, quality: PHOTO_QUALITY, smoothing: smoothingFor(b.size, { width: dims.w, height: dims.h }) },
          );
          bare.push(b2.bare);
          floor.push(b2.floor);
        }
        const m = median(ours);
        const mb = median(bare);
        const mf = median(floor);
        const at = (k: string) => (phases[k] ? median(phases[k]!).toFixed(0) : '?');
        console.log(
          `${p.label.padEnd(32)} ${dims.w}×${dims.h} ${last.img.mime} ${(last.img.b64 / 1024).toFixed(0)} KB base64, SSIM ${fmt(dims.ssim)} PSNR ${dims.psnr.toFixed(1)} | click→request ${m.toFixed(0)} ms, bare ${mb.toFixed(0)} ms, ${(m / mb).toFixed(2)}× | full ${mf.toFixed(0)} ms, ${(m / mf).toFixed(2)}× ` +
            `(bytes in hand ${at('obtained')}, decoded ${at('decoded')}, classified ${at('classified')}, encoded ${at('encoded')}, handed to the provider ${at('stream')})`,
        );
      }
    }

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
    const sets: [string, string, string[]][] = [
      ['photos (COCO)', 'coco', list(`${CORPUS}/captions/coco`)],
      ['receipts (SROIE)', 'sroie', list(`${CORPUS}/receipts/sroie`)],
    ];
    for (const [name, key, files] of sets) {
      if (!files.length) {
        console.log(`\n## P1 ${name}: corpus not present, skipped`);
        continue;
      }
      console.log(`\n## P1 ${name} (${files.length} files): uploaded base64 ÷ base64 of the original; quality of what was sent vs the original at the sent size`);
      console.log('   (SSIM on luma, 8×8 windows; PSNR in dB; a downscale counts against both, as the reference is resampled separately)');
      for (const p of PROFILES) {
        const ratios: number[] = [];
        const ssim: number[] = [];
        const psnr: number[] = [];
        const mimes = new Map<string, number>();
        for (const f of files) {
          const body = readFileSync(f);
          const path = `/corpus/${key}/${f.split('/').pop()}`;
          fake.pages.set(path, { type: 'image/jpeg', body });
          const { img } = await send(p, path);
          ratios.push(img.b64 / b64Len(body.length));
          const q = await inspect(body, img);
          ssim.push(q.ssim);
          psnr.push(Math.min(q.psnr, 99));
          mimes.set(img.mime, (mimes.get(img.mime) ?? 0) + 1);
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
