import { execSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { PHOTO_QUALITY } from '../../utils/image/encode-policy';
import { FakeProvider } from '../support/fake-provider';
import { launch, setProfile } from '../e2e/harness';
import { imageQuality } from '../../utils/image/quality';
import { b64Len, click, fmt, inspect, makePhoto, median, sentImages, sentRects } from './upload-helpers';
import { BENCH_PROFILES, type BenchProfile as Profile } from './profiles';

const CORPUS = '../shared/corpus';
const RUNS = 15;
/** Pause before each timed run, so the previous answer's tail (its stream, thumbnail, writes) is over, as between real clicks. */
const SETTLE_MS = 150;
const settle = () => new Promise((r) => setTimeout(r, SETTLE_MS));

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
    // P2: a 1080p and a 12 MP photo, from a real corpus photo scaled up (or synthetic without the corpus).
    const coco = existsSync(`${CORPUS}/captions/coco`) ? readdirSync(`${CORPUS}/captions/coco`).filter((f) => f.endsWith('.jpg')) : [];
    for (const f of coco) fake.pages.set(`/seed/${f}`, { type: 'image/jpeg', body: readFileSync(`${CORPUS}/captions/coco/${f}`) });
    const seed = coco[0] && `/seed/${coco[0]}`;
    const big = [
      { name: '1080p', path: '/hd.jpg', size: { width: 1920, height: 1080 }, bytes: await makePhoto(page, seed, 1920, 1080) },
      { name: '12 MP', path: '/12mp.jpg', size: { width: 4000, height: 3000 }, bytes: await makePhoto(page, seed, 4000, 3000) },
    ];
    for (const b of big) fake.pages.set(b.path, { type: 'image/jpeg', body: b.bytes });
    await send(BENCH_PROFILES[0]!, big[0]!.path); // warm-up: the first click loads code paths once

    console.log(`\n## P2 click → request on the wire (median of ${RUNS}, ${SETTLE_MS} ms apart; a fresh URL each time, so the image is fetched every time)`);
    console.log('bare = fetch of the same URL (fresh, not cached) + createImageBitmap + OffscreenCanvas resize (default filter) + encode');
    console.log('       to the same size and type, in the same worker, interleaved runs; target: Glimpse ≤ 1.3× bare');
    console.log('in hand = the old bare: the same without the download, from bytes already fetched');
    const ratios: string[] = [];
    for (const b of big) {
      console.log(`\n### ${b.name} photo (${b.bytes.length >> 10} KB JPEG)`);
      for (const p of BENCH_PROFILES) {
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
          if (!i) dims = await inspect(page, b.bytes, last.imgs);
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
        // Bare sends nothing: the image ready to send is what compares like with like; the rest is the upload.
        const ready = phases.encoded ? median(phases.encoded) : NaN;
        ratios.push(`${b.name.padEnd(6)} ${p.label.padEnd(36)} on the wire ${(m / mb).toFixed(2)}×  image ready ${(ready / mb).toFixed(2)}×  then ${(m - ready).toFixed(0)} ms to the server`);
        console.log(
          `${p.label.padEnd(36)} ${dims.w}×${dims.h} ${last.img.mime} ${(last.img.b64 / 1024).toFixed(0)} KB base64, SSIM ${fmt(dims.ssim)} PSNR ${dims.psnr.toFixed(1)} | click→request ${m.toFixed(0)} ms, bare ${mb.toFixed(0)} ms, ${(m / mb).toFixed(2)}× | in hand ${mh.toFixed(0)} ms, ${(m / mh).toFixed(2)}× ` +
            `(bytes in hand ${at('obtained')}, decoded ${at('decoded')}, classified ${at('classified')}, encoded ${at('encoded')}, handed to the provider ${at('stream')})`,
        );
      }
    }
    console.log('\n### Glimpse ÷ bare (download included), target ≤ 1.3×; "image ready" stops where bare stops (the encoded image in hand)');
    for (const r of ratios) console.log(r);

    // The first large photo after the decoder document closed itself (60 s idle): it opens again while the bytes arrive.
    const cold: number[] = [];
    for (let i = 0; i < 5; i++) {
      await s.worker.evaluate(async () => {
        const offscreen = (globalThis as any).chrome.offscreen;
        if (await offscreen.hasDocument()) await offscreen.closeDocument();
      });
      await settle();
      cold.push((await send(BENCH_PROFILES[0]!, big[1]!.path)).ms);
    }
    console.log(`\n12 MP, ${BENCH_PROFILES[0]!.label}, with the decoder document closed first: click→request median ${median(cold).toFixed(0)} ms (${cold.map((c) => c.toFixed(0)).join(', ')})`);

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
      for (const p of BENCH_PROFILES) {
        const ratios: number[] = [];
        const ssim: number[] = [];
        const psnr: number[] = [];
        const mimes = new Map<string, number>();
        for (const [f, body] of bodies) {
          const path = `/corpus/${key}/${f.split('/').pop()}`;
          fake.pages.set(path, { type: 'image/jpeg', body });
          const { imgs, id } = await send(p, path);
          ratios.push(imgs.reduce((n, i) => n + i.b64, 0) / b64Len(body.length));
          const q = await inspect(page, body, imgs, await sentRects(s.worker, id));
          ssim.push(q.ssim);
          psnr.push(Math.min(q.psnr, 99));
          for (const i of imgs) mimes.set(i.mime, (mimes.get(i.mime) ?? 0) + 1);
        }
        const types = [...mimes].map(([m, n]) => `${n} ${m.replace('image/', '')}`).join(', ');
        console.log(
          `${p.label.padEnd(36)} median ${fmt(median(ratios))}  worst ${fmt(Math.max(...ratios))} | SSIM median ${fmt(median(ssim))} min ${fmt(Math.min(...ssim))} | PSNR median ${median(psnr).toFixed(1)} min ${Math.min(...psnr).toFixed(1)} | ${types}`,
        );
      }
    }
  } finally {
    await s.close();
    await fake.stop();
  }
}
