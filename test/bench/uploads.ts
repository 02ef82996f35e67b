import { execSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeProvider, type Recorded } from '../support/fake-provider';
import { launch, menuClick, setProfile } from '../e2e/harness';

const CORPUS = '../shared/corpus';
const PROFILES = [
  { label: 'OpenAI gpt-4o (tiles)', provider: 'openai', model: 'gpt-4o', path: '/v1' },
  { label: 'OpenAI gpt-4.1-mini (patches)', provider: 'openai', model: 'gpt-4.1-mini', path: '/v1' },
  { label: 'Anthropic', provider: 'anthropic', model: 'claude-sonnet-4-5', path: '' },
  { label: 'Gemini', provider: 'gemini', model: 'gemini-2.5-flash', path: '/v1beta/openai' },
  { label: 'Ollama', provider: 'ollama', model: 'llava', path: '' },
];

/** The base64 image payload and its pixel size, from a recorded request in any wire format. */
function sentImage(r: Recorded): { b64: number; mime: string; data: string } {
  const b = r.body;
  const ollama = b.messages?.find((m: any) => m.images)?.images[0];
  if (ollama) return { b64: ollama.length, mime: '?', data: ollama };
  const last = b.messages.at(-1).content;
  const anth = last.find?.((c: any) => c.type === 'image');
  if (anth) return { b64: anth.source.data.length, mime: anth.source.media_type, data: anth.source.data };
  const url = last.find((c: any) => c.type === 'image_url').image_url.url as string;
  const data = url.slice(url.indexOf(',') + 1);
  return { b64: data.length, mime: url.slice(5, url.indexOf(';')), data };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const fmt = (n: number) => n.toFixed(3);

export async function uploads(): Promise<void> {
  execSync('npm run build:e2e', { stdio: 'ignore' });
  const fake = await new FakeProvider().start();
  fake.plan = { chunks: ['ok'], delayMs: 0 };
  const s = await launch();
  try {
    const page = await s.ctx.newPage();
    fake.pages.set('/p.html', { type: 'text/html', body: '<!doctype html><title>bench</title>' });
    await page.goto(`${fake.origin}/p.html`);

    // A 1080p photo: a real photo from the corpus scaled up, or a synthetic one without it.
    const coco = existsSync(`${CORPUS}/captions/coco`) ? readdirSync(`${CORPUS}/captions/coco`).filter((f) => f.endsWith('.jpg')) : [];
    if (coco[0]) fake.pages.set('/seed.jpg', { type: 'image/jpeg', body: readFileSync(`${CORPUS}/captions/coco/${coco[0]}`) });
    const hd = await page.evaluate(async (hasSeed) => {
      const c = new OffscreenCanvas(1920, 1080);
      const ctx = c.getContext('2d')!;
      if (hasSeed) ctx.drawImage(await createImageBitmap(await (await fetch('/seed.jpg')).blob()), 0, 0, 1920, 1080);
      else for (let i = 0; i < 4000; i++) (ctx.fillStyle = `hsl(${i % 360} 60% ${30 + (i % 40)}%)`), ctx.fillRect(Math.random() * 1920, Math.random() * 1080, 60, 40);
      const blob = await c.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
      return Array.from(new Uint8Array(await blob.arrayBuffer()));
    }, !!coco[0]);
    const hdBytes = Buffer.from(hd);
    fake.pages.set('/hd.jpg', { type: 'image/jpeg', body: hdBytes });

    async function send(p: (typeof PROFILES)[number], src: string) {
      await setProfile(s.worker, { provider: p.provider, baseUrl: `${fake.origin}${p.path}`, model: p.model, apiKey: 'k' });
      fake.requests = [];
      const t0 = Date.now();
      await menuClick(s.worker, page.url(), { menuItemId: 'describe', srcUrl: `${fake.origin}${src}` });
      for (let i = 0; i < 600 && !fake.providerRequests().length; i++) await new Promise((r) => setTimeout(r, 25));
      const req = fake.providerRequests()[0]!;
      return { req, ms: req.at - t0, img: sentImage(req) };
    }
    async function dims(mime: string, data: string) {
      return page.evaluate(async ({ mime, data }) => {
        const b = await createImageBitmap(await (await fetch(`data:${mime === '?' ? 'image/png' : mime};base64,${data}`)).blob());
        return `${b.width}×${b.height}`;
      }, { mime, data });
    }

    console.log(`\n## Bytes sent for a 1080p photo (1920×1080 JPEG, ${(hdBytes.length / 1024).toFixed(0)} KB; its base64 is ${(Math.ceil(hdBytes.length / 3) * 4 / 1024).toFixed(0)} KB)`);
    for (const p of PROFILES) {
      const { req, img, ms } = await send(p, '/hd.jpg');
      console.log(`${p.label.padEnd(32)} image ${(img.b64 / 1024).toFixed(0)} KB base64 (${await dims(img.mime, img.data)}, ${img.mime}), request body ${(req.size / 1024).toFixed(0)} KB, click→request ${ms} ms`);
    }

    // P2 baseline: a bare decode + resize + encode of the same file in the same worker.
    const bare = await s.worker.evaluate(async (url) => {
      const bytes = await (await fetch(url)).arrayBuffer();
      const t0 = performance.now();
      const bmp = await createImageBitmap(new Blob([bytes]));
      const c = new OffscreenCanvas(1365, 768);
      c.getContext('2d')!.drawImage(bmp, 0, 0, 1365, 768);
      await c.convertToBlob({ type: 'image/jpeg', quality: 0.85 });
      return performance.now() - t0;
    }, `${fake.origin}/hd.jpg`);
    console.log(`bare createImageBitmap + OffscreenCanvas resize + JPEG encode of the same file: ${bare.toFixed(0)} ms`);

    // P1 over the corpus: uploaded base64 / base64 of the original file.
    const sets: [string, string[]][] = [
      ['photos (COCO)', coco.map((f) => `${CORPUS}/captions/coco/${f}`)],
      ['receipts (SROIE)', existsSync(`${CORPUS}/receipts/sroie`) ? readdirSync(`${CORPUS}/receipts/sroie`).filter((f) => f.endsWith('.jpg')).map((f) => `${CORPUS}/receipts/sroie/${f}`) : []],
    ];
    for (const [name, files] of sets) {
      if (!files.length) {
        console.log(`\n## P1 ${name}: corpus not present, skipped`);
        continue;
      }
      console.log(`\n## P1 ${name} (${files.length} files): uploaded base64 ÷ base64 of the original`);
      for (const p of PROFILES) {
        const ratios: number[] = [];
        for (const f of files) {
          const body = readFileSync(f);
          fake.pages.set('/c.jpg', { type: 'image/jpeg', body });
          const { img } = await send(p, `/c.jpg?${p.model}-${ratios.length}`);
          ratios.push(img.b64 / (Math.ceil(body.length / 3) * 4));
        }
        console.log(`${p.label.padEnd(32)} median ${fmt(median(ratios))}  worst ${fmt(Math.max(...ratios))}`);
      }
    }
  } finally {
    await s.close();
    await fake.stop();
  }
}
