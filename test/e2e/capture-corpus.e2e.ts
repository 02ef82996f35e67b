// Awkward real-world files through the real worker pipeline (right-click → fetch → sniff → decode →
// encode → provider): each either reaches the provider as a sane PNG/JPEG/WebP, or becomes a failed
// entry that says why. The worker must survive all of it.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sniffImage } from '../../utils/image/sniff';
import { imageQuality } from '../../utils/image/quality';
import { SSIM_FLOOR } from '../../utils/image/encode-policy';
import { quadrants } from '../support/png';
import { FakeProvider } from '../support/fake-provider';
import { inspectImage, launch, menuClick, setProfile, type Session } from './harness';
import { QUAD_COLOURS, QUAD_POINTS, expectColours, failureOf, imageFor, sentImage } from './capture-helpers';

const FIXTURES = fileURLToPath(new URL('../fixtures/capture/', import.meta.url));
const CORPUS = fileURLToPath(new URL('../../../shared/corpus/files/', import.meta.url));
const fixture = (name: string) => readFileSync(FIXTURES + name);
const corpus = (path: string) => (existsSync(CORPUS + path) ? readFileSync(CORPUS + path) : undefined);
const HAVE_CORPUS = existsSync(CORPUS);

let s: Session;
let fake: FakeProvider;
let page: import('playwright-core').Page;

interface Sent {
  mime: string;
  width: number;
  height: number;
  px: number[][];
  bytes: Uint8Array;
  record: any;
}
/** Serves `body` at /c/NAME as `type`, right-clicks it, and returns what reached the provider. */
async function send(name: string, body: Buffer, type: string, samples: [number, number][] = []): Promise<Sent> {
  fake.pages.set(`/c/${name}`, { type, body });
  const id = await menuClick(s.worker, page.url(), { menuItemId: 'describe', srcUrl: `${fake.origin}/c/${name}`, mediaType: 'image' });
  const url = await sentImage(fake);
  const [, mime = '', b64 = ''] = /^data:([^;]+);base64,(.*)$/s.exec(url) ?? [];
  const img = await inspectImage(page, url, samples);
  return { mime, ...img, bytes: new Uint8Array(Buffer.from(b64, 'base64')), record: await imageFor(s.worker, id) };
}
/** Serves it and expects a failed entry (and nothing sent). */
async function refuse(name: string, body: Buffer, type: string): Promise<string> {
  fake.pages.set(`/c/${name}`, { type, body });
  const id = await menuClick(s.worker, page.url(), { menuItemId: 'describe', srcUrl: `${fake.origin}/c/${name}`, mediaType: 'image' });
  const err = await failureOf(s.worker, id);
  expect(fake.providerRequests()).toHaveLength(0);
  return err.message;
}
function expectSane(sent: Sent, w: number, h: number) {
  expect(['image/png', 'image/jpeg', 'image/webp']).toContain(sent.mime);
  expect(sniffImage(sent.bytes)).toMatchObject({ verdict: 'decode', mime: sent.mime }); // the bytes are what they claim
  expect([sent.width, sent.height]).toEqual([w, h]);
}

let truncatedJpeg: Buffer;
beforeAll(async () => {
  fake = await new FakeProvider().start();
  fake.pages.set('/corpus.html', {
    type: 'text/html',
    body: '<!doctype html><title>Corpus</title><style>body{margin:0}</style><img id="svg" src="/c/viewbox.svg" style="width:123px;height:456px">',
  });
  fake.pages.set('/c/viewbox.svg', { type: 'image/svg+xml', body: fixture('isz_viewbox.svg') });
  s = await launch();
  await setProfile(s.worker, { provider: 'openai-compatible', baseUrl: `${fake.origin}/v1`, model: 'm' });
  await s.worker.evaluate(() => ((globalThis as any).__corpusMarker = 'same worker'));
  page = await s.ctx.newPage();
  await page.goto(`${fake.origin}/corpus.html`);
  await page.waitForFunction(() => (document.getElementById('svg') as HTMLImageElement).complete);
  // A real baseline JPEG made by Chromium, cut off at 60 %, like an interrupted download.
  const jpeg = await page.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = 400;
    c.height = 300;
    const ctx = c.getContext('2d')!;
    for (let i = 0; i < 400; i++) ctx.fillStyle = `hsl(${i * 7} 80% 50%)`, ctx.fillRect((i * 37) % 400, (i * 53) % 300, 40, 30);
    return c.toDataURL('image/jpeg', 0.95).split(',')[1]!;
  });
  const full = Buffer.from(jpeg, 'base64');
  truncatedJpeg = full.subarray(0, Math.floor(full.length * 0.6));
});
afterAll(async () => {
  await s?.close();
  await fake?.stop();
});
beforeEach(() => fake.reset());

describe('corpus files through the worker pipeline', () => {
  it('EXIF Orientation=8 on a 1×2 JPEG: sent upright as 2×1, with no orientation left for the server to misread', async () => {
    const sent = await send('flipped.jpg', fixture('isz_1x2-flipped-big-endian.jpg'), 'image/jpeg', [[0.25, 0.5], [0.75, 0.5]]);
    expectSane(sent, 2, 1);
    expectColours(sent.px, [[0, 0, 0], [255, 255, 255]], 40);
    expect(sniffImage(sent.bytes).orientation ?? 1).toBe(1);
  });

  it.skipIf(!corpus('exif/Landscape_6.jpg'))('EXIF Orientation=6 photo: the same picture as the upright original', async () => {
    const grid: [number, number][] = [];
    for (let y = 0; y < 6; y++) for (let x = 0; x < 6; x++) grid.push([(x + 0.5) / 6, (y + 0.5) / 6]);
    const rotated = await send('l6.jpg', corpus('exif/Landscape_6.jpg')!, 'image/jpeg', grid);
    fake.reset();
    const upright = await send('l1.jpg', corpus('exif/Landscape_1.jpg')!, 'image/jpeg', grid);
    expectSane(rotated, 1568, 1045); // stored 1200×1800; 1800×1200 once turned, fitted to 1568
    expectSane(upright, 1568, 1045);
    const diff = rotated.px.flatMap((p, i) => p.map((v, c) => Math.abs(v - upright.px[i]![c]!)));
    expect(diff.reduce((x, y) => x + y, 0) / diff.length).toBeLessThan(20);
  });

  it.skipIf(!corpus('color/sharp_cmyk_no_profile.jpg'))('CMYK JPEG: converted to an RGB JPEG', async () => {
    const sent = await send('cmyk.jpg', corpus('color/sharp_cmyk_no_profile.jpg')!, 'image/jpeg');
    expectSane(sent, 500, 333);
    expect(sniffImage(sent.bytes).cmyk).toBeUndefined();
  });

  it('a 612 px COCO photo reaches the provider as it is, or re-encoded smaller at SSIM ≥ 0.95 (the quality floor)', async () => {
    const file = fixture('coco_000000165518.jpg');
    const sent = await send('coco.jpg', file, 'image/jpeg');
    expectSane(sent, 612, 612);
    const same = Buffer.from(sent.bytes).equals(file);
    if (!same) {
      expect(sent.bytes.length).toBeLessThanOrEqual(file.length * 0.7);
      expect(sent.record.notes.join(' ')).toMatch(/re-encoded/);
    }
    const ssim = await page.evaluate(
      async ({ quality, orig, got }) => {
        const px = async (b64: string) => {
          const bmp = await createImageBitmap(await (await fetch(`data:image/jpeg;base64,${b64}`)).blob());
          const ctx = new OffscreenCanvas(bmp.width, bmp.height).getContext('2d')!;
          ctx.drawImage(bmp, 0, 0);
          return ctx.getImageData(0, 0, bmp.width, bmp.height).data;
        };
        const imageQuality = new Function(`return ${quality}`)();
        return imageQuality(await px(orig), await px(got), 612, 612).ssim as number;
      },
      { quality: imageQuality.toString(), orig: file.toString('base64'), got: Buffer.from(sent.bytes).toString('base64') },
    );
    expect(ssim).toBeGreaterThanOrEqual(SSIM_FLOOR);
  });

  it('16-bit PNG', async () => expectSane(await send('16.png', fixture('basn2c16.png'), 'image/png'), 32, 32));

  it('greyscale PNG', async () => expectSane(await send('grey.png', fixture('basn0g08.png'), 'image/png'), 32, 32));

  it('1×1 PNG', async () => expectSane(await send('one.png', fixture('s01n3p01.png'), 'image/png'), 1, 1));

  it('animated GIF: its first frame as PNG, never a GIF, with a note', async () => {
    const sent = await send('anim.gif', fixture('sharp_rotating-squares.gif'), 'image/gif');
    expectSane(sent, 80, 80);
    expect(sent.mime).toBe('image/png');
    expect(sent.record.notes).toContain('Animated images are sent as their first frame.');
  });

  it('WebP bytes named .jpg and served as image/jpeg: the bytes decide', async () => {
    const file = fixture('webp_with_jpg_extension.jpg');
    const sent = await send('mislabelled.jpg', file, 'image/jpeg');
    expectSane(sent, 123, 456); // the type sent is the bytes' own, never the server's label
    // A lossy WebP is a photo: re-encoded as JPEG when that clearly saves bytes, else sent as the WebP it is.
    if (sent.mime === 'image/webp') expect(Buffer.from(sent.bytes).equals(file)).toBe(true);
    else expect(sent.bytes.length).toBeLessThan(file.length);
  });

  it('SVG without intrinsic size, shown on the page: drawn there at its size on screen', async () => {
    const sent = await send('viewbox.svg', fixture('isz_viewbox.svg'), 'image/svg+xml');
    expectSane(sent, 123, 456);
    expect(sent.record.source.method).toBe('page-read');
  });

  it('Chromium cannot decode SVG in the service worker (why SVG is drawn in its page instead)', async () => {
    const outcome = await s.worker.evaluate(async (text) => {
      try {
        await createImageBitmap(new Blob([text], { type: 'image/svg+xml' }));
        return 'decoded';
      } catch (err) {
        return String(err);
      }
    }, fixture('isz_viewbox.svg').toString());
    expect(outcome).toMatch(/could not be decoded/);
  });

  it('SVG that the page does not show: a failed entry explaining SVG', async () => {
    expect(await refuse('lonely.svg', fixture('isz_viewbox.svg'), 'image/svg+xml')).toMatch(/SVG.*Capture a region/);
  });

  it('truncated PNG: a failed entry saying the file is incomplete', async () => {
    const png = quadrants(300, 300);
    expect(await refuse('cut.png', png.subarray(0, Math.floor(png.length * 0.6)), 'image/png')).toMatch(/incomplete/);
  });

  it('truncated JPEG: a failed entry saying the file is incomplete', async () => {
    expect(await refuse('cut.jpg', truncatedJpeg, 'image/jpeg')).toMatch(/incomplete/);
  });

  it('PNG with a broken header checksum: refused as damaged', async () => {
    expect(await refuse('xhdn.png', fixture('pngsuite_xhdn0g08.png'), 'image/png')).toMatch(/damaged: its header checksum is wrong/);
  });

  it.skipIf(!corpus('formats/isz_sample.heic'))('HEIC: named as such', async () => {
    expect(await refuse('photo.heic', corpus('formats/isz_sample.heic')!, 'image/heic')).toMatch(/HEIC/);
  });

  it.skipIf(!corpus('large/sharp_65536-uint32-limit.png'))('a 65536×65536 PNG bomb: refused from its header', async () => {
    expect(await refuse('bomb.png', corpus('large/sharp_65536-uint32-limit.png')!, 'image/png')).toMatch(/65536×65536 pixels/);
  });

  it('after all of that, the same worker still answers a normal request', async () => {
    expect(await s.worker.evaluate(() => (globalThis as any).__corpusMarker)).toBe('same worker');
    const sent = await send('q.png', quadrants(200, 100), 'image/png', QUAD_POINTS);
    expectSane(sent, 200, 100);
    expectColours(sent.px, QUAD_COLOURS);
  });

  it.runIf(!HAVE_CORPUS)('(corpus absent: the cases that need it were skipped)', () => expect(HAVE_CORPUS).toBe(false));
});
