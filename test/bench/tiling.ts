// What the crop and tiler (utils/image/tiles.ts) make of a long stitched article page and of the SROIE receipts,
// per provider profile: the line height as the model sees it, the tiles, and image tokens against today's single
// shrunk image. The scans are decoded by Chromium (as in the extension); everything after is the product's own code.
import './fake-chrome';
import { existsSync } from 'node:fs';
import type { Size } from '../../utils/image/resize';
import { targetSize } from '../../utils/image/vision-rules';
import { imageLimits, LEGIBLE_PX, planLayout } from '../../utils/image/tiles';
import { CHROMIUM, greyDecoder } from '../support/grey-decode';
import { boxes, hasSroie, inside, median, SROIE, sroieNames } from '../support/sroie';
import { stitchedTiling } from './stitched-tiling';
import { BENCH_PROFILES } from './profiles';

export async function tiling(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    console.log(`\n## Crop and tiles: skipped (needs Chromium at ${CHROMIUM})`);
    return;
  }
  const { imageTokenRule } = await import('../../utils/settings/pricing');
  await stitchedTiling(BENCH_PROFILES, (model, s) => imageTokenRule(model).tokens(s));
  if (!hasSroie()) {
    console.log(`\n## Crop and tiles on the SROIE receipts: skipped (needs ${SROIE})`);
    return;
  }
  const decoder = await greyDecoder();
  console.log(`\n## Crop and tiles on the SROIE receipts ("✓": OCR lines ≥ ${LEGIBLE_PX} px as the model sees them; tokens against today's single image)`);
  try {
    for (const name of sroieNames()) {
      const d = await decoder.decode(`${SROIE}/${name}.jpg`);
      const size = { width: d.width, height: d.height };
      const bs = boxes(name);
      const line = median(bs.map((b) => b.y1 - b.y0));
      console.log(`### ${name}.jpg ${size.width}×${size.height}, OCR line ${line} px`);
      for (const p of BENCH_PROFILES) {
        const fit = (s: Size) => targetSize(p.provider, p.model, s);
        const tokens = (ss: Size[]) => ss.reduce((n, s) => n + imageTokenRule(p.model).tokens(s), 0);
        const today = fit(size);
        const todayPx = (line * p.seen(today).height) / size.height;
        // Receipts are documents (a JPEG scan judged paper by encode-policy.ts), as prepare.ts would find.
        const layout = planLayout(d.grey, size, 'document', fit, imageLimits(p.provider).maxImages);
        const rects = layout?.plan.tiles ?? [{ x: 0, y: 0, ...size }];
        const sent = layout ? (layout.plan.tiles.length > 1 ? layout.plan.sizes : [fit(layout.crop!)]) : [today];
        const px = Math.min(...sent.map((s, i) => (line * p.seen(s).height) / rects[i]!.height));
        const whole = bs.filter((b) => rects.some((r) => inside(b, r))).length;
        const what = !layout ? 'unchanged' : `${layout.crop ? 'cropped' : 'whole'}${sent.length > 1 ? `, ${sent.length} tiles` : ''}`;
        const dims = [...new Set(sent.map((s) => `${s.width}×${s.height}`))].join(' / ');
        console.log(
          `  ${p.label.padEnd(22)} today ${todayPx.toFixed(1).padStart(5)} px ${String(tokens([today])).padStart(5)} tok → ${what.padEnd(18)} ${dims.padEnd(20)} ${px.toFixed(1).padStart(5)} px ${px >= LEGIBLE_PX ? '✓' : ' '} ${String(tokens(sent)).padStart(5)} tok (${(tokens(sent) / tokens([today])).toFixed(2)}×)${whole < bs.length ? `  ${bs.length - whole} OCR lines not whole in a tile` : ''}`,
        );
      }
    }
  } finally {
    await decoder.close();
  }
}
