import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { bundleForPage } from '../helpers/bundle';
import { CHROMIUM } from '../../support/grey-decode';
import { SSIM_FLOOR } from '../../../utils/image/encode-policy';

/*
 * Issue #20's floor: what is sent scores SSIM ≥ 0.95 against the original drawn at the sent size.
 * prepare.ts runs as built (bundled into a page; the service worker's canvas and decoders are
 * Chromium's too), at every provider's size, with the tiling limits the capture passes; the
 * reference is the original decoded in full and drawn with 'high' smoothing, as the uploads bench does.
 * Skipped without Chromium or the corpus (../shared/corpus, see SOURCES.md).
 */
const CORPUS = '../shared/corpus';
const files = (dir: string) => (existsSync(`${CORPUS}/${dir}`) ? readdirSync(`${CORPUS}/${dir}`).filter((f) => f.endsWith('.jpg')).sort().map((f) => `${dir}/${f}`) : []);
const PHOTOS = files('captions/coco');
const RECEIPTS = files('receipts/sroie');
const HAVE = PHOTOS.length > 0 && RECEIPTS.length > 0;
/** One model per size rule of utils/image/vision-rules.ts (the P7 bench's list). */
const PROFILES: [string, string][] = [
  ['openai', 'gpt-4o'], ['openai', 'gpt-6.2-sol'], ['openai', 'gpt-4.1-mini'], ['anthropic', 'claude-sonnet-5-5'], ['anthropic', 'claude-haiku-4-5'],
  ['gemini', 'gemini-3.5-flash'], ['gemini', 'gemini-2.5-flash-lite'], ['ollama', 'llava'],
];
/** Corpus photos fit every provider as they are; these shrink them too, so the downscale and its filter are held to the floor as well. */
const SMALLER = [0.75, 0.5, 0.35];

interface Sent { label: string; ssim: number; bytes: number; mime: string; asIs: boolean }

describe.skipIf(!existsSync(CHROMIUM) || !HAVE)('the quality floor on the corpus (SSIM ≥ 0.95 at every provider size)', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    const code = await bundleForPage('test/support/prepare-page.ts', 'glimpsePrepare');
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
    page = await browser.newPage();
    await page.setContent('<!doctype html><title>floor</title>');
    await page.addScriptTag({ content: code });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  /** Prepares `file` for each target and measures every image that would be sent (each tile against its part of the original). */
  const measure = (file: string, smaller: number[]): Promise<Sent[]> =>
    page.evaluate(
      async ({ b64, profiles, smaller }) => {
        const g = (globalThis as any).glimpsePrepare;
        const input = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const original = await createImageBitmap(new Blob([input], { type: 'image/jpeg' }));
        const size = { width: original.width, height: original.height };
        const reference = (rect: { x: number; y: number; width: number; height: number }, w: number, h: number) => {
          const ctx = new OffscreenCanvas(w, h).getContext('2d')!;
          ctx.imageSmoothingQuality = 'high';
          ctx.drawImage(original, rect.x, rect.y, rect.width, rect.height, 0, 0, w, h);
          return ctx.getImageData(0, 0, w, h).data;
        };
        const decoded = async (bytes: Uint8Array, mime: string) => {
          const bmp = await createImageBitmap(new Blob([bytes as BlobPart], { type: mime }));
          const ctx = new OffscreenCanvas(bmp.width, bmp.height).getContext('2d')!;
          ctx.drawImage(bmp, 0, 0);
          return { w: bmp.width, h: bmp.height, px: ctx.getImageData(0, 0, bmp.width, bmp.height).data };
        };
        const targets: [string, (s: typeof size) => typeof size, unknown][] = [
          ...profiles.map(([p, m]: [string, string]) => [`${p}/${m}`, (s: typeof size) => g.targetSize(p, m, s), g.imageLimits(p)] as [string, any, unknown]),
          ...smaller.map((k: number) => [`×${k}`, (s: typeof size) => g.fitLongEdge(s, Math.round(Math.max(s.width, s.height) * k)), undefined] as [string, any, unknown]),
        ];
        const out = [];
        for (const [label, target, limits] of targets) {
          const { image, release } = await g.prepareForSend(input, 'image/jpeg', target, g.decodeScaled, limits);
          release();
          const parts = image.tiles ?? [{ bytes: image.bytes, mime: image.mime, rect: image.crop ?? { x: 0, y: 0, ...size } }];
          let ssim = 1;
          for (const part of parts) {
            const got = await decoded(part.bytes, part.mime);
            ssim = Math.min(ssim, g.imageQuality(reference(part.rect, got.w, got.h), got.px, got.w, got.h).ssim);
          }
          const bytes = parts.reduce((n: number, p: { bytes: Uint8Array }) => n + p.bytes.length, 0);
          out.push({ label: `${label} ${image.width}×${image.height}${image.tiles ? ` in ${image.tiles.length} tiles` : ''}`, ssim, bytes, mime: image.mime, asIs: image.bytes === input });
        }
        original.close();
        return out;
      },
      { b64: readFileSync(`${CORPUS}/${file}`).toString('base64'), profiles: PROFILES, smaller },
    );

  const check = async (file: string, smaller: number[]) => {
    const sent = await measure(file, smaller);
    const size = readFileSync(`${CORPUS}/${file}`).length;
    for (const s of sent) console.log(`${file.split('/').pop()} ${s.label}: SSIM ${s.ssim.toFixed(3)}, ${s.asIs ? 'as it is' : `${s.mime.replace('image/', '')} ${(s.bytes / size).toFixed(2)}× the bytes`}`);
    expect(sent.filter((s) => s.ssim < SSIM_FLOOR).map((s) => `${s.label}: ${s.ssim.toFixed(3)}`)).toEqual([]);
  };

  it.each(PHOTOS)('photo %s', (file) => check(file, SMALLER), 60_000);
  it.each(RECEIPTS)('receipt %s', (file) => check(file, []), 120_000);
});
