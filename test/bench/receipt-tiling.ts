// Large scans: shrink the whole page to the provider's size rule, or crop/tile it into readable strips?
// Prints text height (from SROIE's OCR line boxes) against image tokens (utils/settings/pricing.ts). No model calls.
//   npx jiti test/bench/receipt-tiling.ts [--min-px 20] [--chromium]
// --chromium also sends the scan through the built e2e extension (GLIMPSE_OUT_DIR) in real Chromium and
// checks that the size Glimpse really sends is the one predicted here.
import './fake-chrome';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readImageHeader } from '../../utils/image/header';
import type { Size } from '../../utils/image/resize';
import { BENCH_PROFILES, type BenchProfile as Profile } from './profiles';
import { targetSize } from '../../utils/image/vision-rules';
import { boxes, median, SROIE, type Box } from '../support/sroie';

const { DEFAULT_PRICES, imageTokenRule, priceFor } = await import('../../utils/settings/pricing');

const SCAN = 'sroie_301';
const arg = (name: string) => process.argv[process.argv.indexOf(name) + 1];
/** Line-box height below which we call a line hard to read (an assumption, not a provider figure). */
const MIN_PX = process.argv.includes('--min-px') ? Number(arg('--min-px')) : 20;

interface Rect { x: number; y: number; width: number; height: number }

const sizeOf = (name: string): Size => {
  const h = readImageHeader(new Uint8Array(readFileSync(`${SROIE}/${name}.jpg`)));
  if (!h?.width || !h.height) throw new Error(`${name}.jpg: no size in its header`);
  return { width: h.width, height: h.height };
};

/** Full-height strips of `area`, each `overlap` px into the next so no line is cut in two. */
function strips(area: Rect, n: number, overlap: number): Rect[] {
  const step = Math.ceil((area.height - overlap) / n);
  return Array.from({ length: n }, (_, i) => {
    const y = area.y + i * step;
    return { x: area.x, y, width: area.width, height: Math.min(step + overlap, area.y + area.height - y) };
  });
}

/** Lines that a cut at these strip edges would split (a line must fit whole in at least one strip). */
const cutLines = (parts: Rect[], bs: Box[]) => bs.filter((b) => !parts.some((p) => b.y0 >= p.y && b.y1 <= p.y + p.height)).length;

interface Option { images: number; sent: Size[]; linePx: number; tokens: number; usd?: number; cut: number }
function evaluate(p: Profile, parts: Rect[], line: number, bs: Box[]): Option {
  const sent = parts.map((r) => targetSize(p.provider, p.model, r));
  // Strips share one scale (the least generous one), so the text height is the same in every image.
  const scale = Math.min(...sent.map((s, i) => p.seen(s).height / parts[i]!.height));
  const tokens = sent.reduce((t, s) => t + imageTokenRule(p.model).tokens(s), 0);
  const price = p.provider === 'ollama' ? undefined : priceFor(p.model, DEFAULT_PRICES);
  return { images: parts.length, sent, linePx: line * scale, tokens, usd: price && (tokens * price.input) / 1e6, cut: cutLines(parts, bs) };
}

const dims = (sent: Size[]) => `${sent.length > 1 ? `${sent.length}× ` : ''}${[...new Set(sent.map((s) => `${s.width}×${s.height}`))].join(' / ')}`;
const row = (name: string, o: Option) =>
  `  ${name.padEnd(30)} ${dims(o.sent).padEnd(26)} ${o.linePx.toFixed(1).padStart(6)} px ${o.linePx >= MIN_PX ? '✓' : ' '} ${String(o.tokens).padStart(6)} tok ${o.usd === undefined ? '      –' : `$${o.usd.toFixed(4)}`}${o.cut ? `  (${o.cut} lines cut)` : ''}`;

/** `r` grown by `pad` on every side, within the page. */
function grow(r: Rect, pad: number, page: Size): Rect {
  const x = Math.max(0, r.x - pad);
  const y = Math.max(0, r.y - pad);
  return { x, y, width: Math.min(page.width, r.x + r.width + pad) - x, height: Math.min(page.height, r.y + r.height + pad) - y };
}

const scan = () => {
  const bs = boxes(SCAN);
  const text: Rect = { x: Math.min(...bs.map((b) => b.x0)), y: Math.min(...bs.map((b) => b.y0)), width: 0, height: 0 };
  text.width = Math.max(...bs.map((b) => b.x1)) - text.x;
  text.height = Math.max(...bs.map((b) => b.y1)) - text.y;
  return { page: sizeOf(SCAN), bs, text, line: median(bs.map((b) => b.y1 - b.y0)), maxLine: Math.max(...bs.map((b) => b.y1 - b.y0)) };
};

export function receiptTiling(): void {
  const { page, bs, text, line, maxLine } = scan();
  // Keep two line heights of margin around the text.
  const crop = grow(text, 2 * line, page);
  const full: Rect = { x: 0, y: 0, ...page };
  const overlap = Math.ceil(1.5 * maxLine);

  console.log(`## ${SCAN}.jpg: ${page.width}×${page.height} (${((page.width * page.height) / 1e6).toFixed(1)} MP), ${bs.length} OCR lines`);
  console.log(`median line-box height ${line} px (range ${Math.min(...bs.map((b) => b.y1 - b.y0))}–${maxLine}); text occupies ${text.width}×${text.height} px at (${text.x}, ${text.y}) = ${((100 * text.width * text.height) / (page.width * page.height)).toFixed(1)} % of the page`);
  const others = readdirSync(SROIE).filter((f) => f.endsWith('.boxes.csv') && !f.startsWith(SCAN)).map((f) => f.replace('.boxes.csv', ''));
  const ref = others.map((n) => median(boxes(n).map((b) => b.y1 - b.y0)));
  console.log(`for reference, the other ${others.length} SROIE scans have median line boxes of ${Math.min(...ref)}–${Math.max(...ref)} px (median ${median(ref)}) at their native size`);
  console.log(`"✓" = line box ≥ ${MIN_PX} px as the model sees it (after the provider's own resize); strips overlap ${overlap} px (1.5 × the tallest line)\n`);

  for (const p of BENCH_PROFILES) {
    console.log(`### ${p.label}  [${imageTokenRule(p.model).rule}]`);
    const options: [string, Option][] = [
      ['whole page, shrunk (today)', evaluate(p, [full], line, bs)],
      ['cropped to the text', evaluate(p, [crop], line, bs)],
      ...[2, 3, 4, 6].map((n): [string, Option] => [`whole page in ${n} strips`, evaluate(p, strips(full, n, overlap), line, bs)]),
      ...[2, 3, 4].map((n): [string, Option] => [`cropped, ${n} strips`, evaluate(p, strips(crop, n, overlap), line, bs)]),
    ];
    for (const [name, o] of options) console.log(row(name, o));
    const best = options.filter(([, o]) => o.linePx >= MIN_PX && !o.cut).sort((a, b) => a[1].tokens - b[1].tokens)[0];
    console.log(best ? `  → cheapest readable: ${best[0]} (${best[1].tokens} tokens, ${(best[1].tokens / options[0]![1].tokens).toFixed(1)}× today's)\n` : `  → nothing here reaches ${MIN_PX} px\n`);
  }
  console.log(`Without overlap, ${cutLines(strips(full, 4, 0), bs)} of ${bs.length} lines fall on a cut of 4 whole-page strips; with ${overlap} px overlap, ${cutLines(strips(full, 4, overlap), bs)}.`);
}

/** Sends the scan through the built extension and reports the pixel size each provider really receives. */
async function inChromium(): Promise<void> {
  const { FakeProvider } = await import('../support/fake-provider');
  const { EXT_DIR, inspectImage, launch, menuClick, poll, setProfile } = await import('../e2e/harness');
  if (!existsSync(EXT_DIR)) throw new Error(`No e2e build at ${EXT_DIR}: run NODE_ENV=production npx wxt build --mode e2e first.`);
  const fake = await new FakeProvider().start();
  fake.plan = { chunks: ['{}'], delayMs: 0 };
  fake.pages.set('/r.html', { type: 'text/html', body: '<!doctype html><title>receipt</title>' });
  fake.pages.set(`/${SCAN}.jpg`, { type: 'image/jpeg', body: readFileSync(`${SROIE}/${SCAN}.jpg`) });
  const s = await launch();
  try {
    const page = await s.ctx.newPage();
    await page.goto(`${fake.origin}/r.html`);
    // Can the product find the receipt from pixels alone? Dark-pixel row/column profile at 1/8 scale.
    const ink = await page.evaluate(async (src) => {
      const bmp = await createImageBitmap(await (await fetch(src)).blob());
      const k = 8;
      const c = new OffscreenCanvas(Math.ceil(bmp.width / k), Math.ceil(bmp.height / k));
      const ctx = c.getContext('2d')!;
      ctx.drawImage(bmp, 0, 0, c.width, c.height);
      const { data } = ctx.getImageData(0, 0, c.width, c.height);
      const rows = new Array<number>(c.height).fill(0);
      const cols = new Array<number>(c.width).fill(0);
      for (let y = 0; y < c.height; y++) for (let x = 0; x < c.width; x++) {
        const i = 4 * (y * c.width + x);
        if (0.3 * data[i]! + 0.59 * data[i + 1]! + 0.11 * data[i + 2]! < 160) (rows[y]!++, cols[x]!++);
      }
      // A line of print darkens several pixels in a row or column; a speck of scanner dust does not.
      const span = (xs: number[]) => [xs.findIndex((n) => n >= 3), xs.length - 1 - [...xs].reverse().findIndex((n) => n >= 3)];
      const [x0, x1] = span(cols);
      const [y0, y1] = span(rows);
      return { x: x0! * k, y: y0! * k, width: (x1! - x0! + 1) * k, height: (y1! - y0! + 1) * k };
    }, `${fake.origin}/${SCAN}.jpg`);
    const { page: full, bs, text, line } = scan();
    const trim = grow(ink, line, full);
    const inside = bs.filter((b) => b.x0 >= trim.x && b.x1 <= trim.x + trim.width && b.y0 >= trim.y && b.y1 <= trim.y + trim.height).length;
    console.log(`\n## In Chromium: trimming by pixels (dark-pixel profile at 1/8 scale)`);
    console.log(`  ink at ${ink.width}×${ink.height} px at (${ink.x}, ${ink.y}) (OCR text: ${text.width}×${text.height} at (${text.x}, ${text.y})); with one line of margin, ${inside} of ${bs.length} OCR lines inside`);
    for (const p of BENCH_PROFILES) console.log(row(p.label, evaluate(p, [trim], line, bs)));
    console.log('\n## In Chromium: what the built extension sends for the whole page');
    for (const p of BENCH_PROFILES) {
      await setProfile(s.worker, { provider: p.provider, baseUrl: `${fake.origin}${p.path}`, model: p.model, apiKey: 'k' });
      fake.requests = [];
      await menuClick(s.worker, page.url(), { menuItemId: 'preset:receipt', srcUrl: `${fake.origin}/${SCAN}.jpg` });
      const body = (await poll(async () => fake.providerRequests()[0], 'the request', 60_000)).body;
      const text = JSON.stringify(body);
      const b64 = /"images":\["([^"]+)"/.exec(text)?.[1] ?? /"data":"([^"]+)"/.exec(text)?.[1] ?? /base64,([^"]+)"/.exec(text)![1]!;
      const got = await inspectImage(page, `data:image/jpeg;base64,${b64}`);
      const want = targetSize(p.provider, p.model, sizeOf(SCAN));
      console.log(`  ${p.label.padEnd(30)} sent ${got.width}×${got.height}, predicted ${want.width}×${want.height} ${got.width === want.width && got.height === want.height ? '✓' : '✗ MISMATCH'}`);
    }
  } finally {
    await s.close();
    await fake.stop();
  }
}

if (!existsSync(`${SROIE}/${SCAN}.boxes.csv`)) {
  console.log(`${SROIE}/${SCAN}.boxes.csv is not here (run from /work/main with the shared corpus); nothing to measure.`);
} else {
  receiptTiling();
  if (process.argv.includes('--chromium')) await inChromium();
}
