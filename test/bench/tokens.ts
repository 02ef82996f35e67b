// P7: image tokens per request, per profile, for a 1080p photo, a 12 MP photo, a chart and a receipt: what Glimpse
// sends, what the untouched file would cost (the provider resizing it itself), and the floor for the pixels sent.
// Pure arithmetic on the product's own rules (utils/image/vision-rules.ts); the receipt's crop and tiles come from
// the product's planner on the real scan, decoded by Chromium. No model calls.
import './fake-chrome';
import { existsSync, readFileSync } from 'node:fs';
import { readImageHeader } from '../../utils/image/header';
import type { Size } from '../../utils/image/resize';
import { targetSize, visionRule, type VisionRule } from '../../utils/image/vision-rules';
import { imageLimits, planLayout } from '../../utils/image/tiles';
import { CHROMIUM, greyDecoder } from '../support/grey-decode';
import { hasSroie, SROIE } from '../support/sroie';
import { BENCH_PROFILES } from './profiles';

/** The fewest tokens the rule could bill for this many pixels: every tile or patch full, nothing wasted. */
function floor(rule: VisionRule, s: Size): number | undefined {
  const area = s.width * s.height;
  switch (rule.kind) {
    case 'openai-tiles':
      return rule.base + rule.tile * Math.ceil(area / 512 ** 2);
    case 'openai-patches':
      return Math.ceil(Math.ceil(area / 32 ** 2) * rule.multiplier);
    case 'anthropic':
      return Math.ceil(area / 28 ** 2);
    case 'gemini-tiles':
      return s.width <= 384 && s.height <= 384 ? 258 : 258 * Math.ceil(area / 768 ** 2);
    case 'gemini-budget':
      // media_resolution cannot be set through the OpenAI-compatible endpoint: HIGH is the only budget there.
      return rule.tokens;
    default:
      return undefined;
  }
}

export async function tokens(): Promise<void> {
  const { imageTokenRule } = await import('../../utils/settings/pricing');
  const chartFile = '../shared/corpus/charts/png/bar.png';
  const chart = existsSync(chartFile) ? readImageHeader(new Uint8Array(readFileSync(chartFile))) : undefined;
  const images: { name: string; size: Size; file?: string }[] = [
    { name: '1080p photo', size: { width: 1920, height: 1080 } },
    { name: '12 MP photo', size: { width: 4032, height: 3024 } },
    { name: `chart (bar.png)`, size: chart?.width && chart.height ? { width: chart.width, height: chart.height } : { width: 800, height: 500 } },
    { name: 'receipt (sroie_301)', size: { width: 4961, height: 7016 }, file: hasSroie() ? `${SROIE}/sroie_301.jpg` : undefined },
  ];
  const decoder = existsSync(CHROMIUM) && images.some((i) => i.file) ? await greyDecoder() : undefined;
  console.log('\n## P7 image tokens per request (as sent | the untouched file, resized by the provider | floor: the pixels sent with no tile or patch wasted)');
  try {
    for (const img of images) {
      const grey = img.file && decoder ? (await decoder.decode(img.file)).grey : undefined;
      console.log(`### ${img.name} ${img.size.width}×${img.size.height}`);
      for (const p of BENCH_PROFILES) {
        const rule = visionRule(p.provider, p.model);
        const count = imageTokenRule(p.model, p.provider);
        const fit = (s: Size) => targetSize(p.provider, p.model, s);
        // A receipt is a document: the planner may crop and tile it, as prepare.ts would.
        const layout = grey ? planLayout(grey, img.size, 'document', fit, imageLimits(p.provider).maxImages) : undefined;
        const sent = layout ? (layout.plan.tiles.length > 1 ? layout.plan.sizes : [fit(layout.crop!)]) : [fit(img.size)];
        const ours = sent.reduce((n, s) => n + count.tokens(s), 0);
        const floors = sent.map((s) => floor(rule, s));
        const min = floors.every((f) => f !== undefined) ? floors.reduce((a, b) => a! + b!, 0)! : undefined;
        const dims = sent.length > 1 ? `${sent.length} tiles ${sent[0]!.width}×${sent[0]!.height}…` : `${sent[0]!.width}×${sent[0]!.height}${layout?.crop ? ' (cropped)' : ''}`;
        console.log(
          `  ${p.label.padEnd(36)} ${dims.padEnd(24)} ${String(ours).padStart(6)} tok | untouched ${String(count.tokens(img.size)).padStart(6)} | floor ${min === undefined ? '     –' : String(min).padStart(6)}${min ? ` (${(ours / min).toFixed(2)}×)` : ''}`,
        );
      }
    }
  } finally {
    await decoder?.close();
  }
}
