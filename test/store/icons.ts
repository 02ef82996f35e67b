/**
 * Draws Glimpse's toolbar and store icons into public/icon/<size>.png (WXT lists them in the manifest).
 * A blue disc with a white rim carrying a white eye: the disc reads on light toolbars, the rim on dark ones.
 * Run with `npx jiti test/store/icons.ts`; the output is committed, so the build does not depend on it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { makeRgbaPng } from '../support/png';

export const ICON_SIZES = [16, 32, 48, 128] as const;

type Rgb = [number, number, number];
const RIM: Rgb = [255, 255, 255];
const DISC: Rgb = [31, 95, 214];
const EYE: Rgb = [255, 255, 255];
const IRIS: Rgb = [13, 47, 115];

/** The colour at (u, v) in a unit square, or undefined where the icon is transparent; `scale` is px per unit. */
function paint(u: number, v: number, size: number): Rgb | undefined {
  const dx = u - 0.5;
  const dy = v - 0.5;
  const r = Math.hypot(dx, dy);
  // Chrome's store guidance keeps the 128 px art inside 96–108 px; toolbar sizes use the whole square.
  const outer = size >= 128 ? 0.42 : 0.49;
  const rim = Math.max(1.1 / size, 0.045);
  if (r > outer) return undefined;
  if (r > outer - rim) return RIM;
  // The almond of the eye: the overlap of two circles (half-width w, half-height h).
  const w = 0.33;
  const h = 0.2;
  const R = (w * w + h * h) / (2 * h);
  const inEye = Math.hypot(dx, dy - (R - h)) <= R && Math.hypot(dx, dy + (R - h)) <= R;
  if (!inEye) return DISC;
  if (r <= 0.15) {
    const glint = size >= 32 && Math.hypot(dx + 0.05, dy + 0.05) <= 0.035;
    return glint ? EYE : IRIS;
  }
  return EYE;
}

/** Supersampled (8×8 per pixel), so edges are smooth at 16 px too. */
export function drawIcon(size: number): Buffer {
  const n = 8;
  return makeRgbaPng(size, size, (x, y) => {
    const acc = [0, 0, 0, 0];
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const c = paint((x + (i + 0.5) / n) / size, (y + (j + 0.5) / n) / size, size);
        if (!c) continue;
        acc[0]! += c[0];
        acc[1]! += c[1];
        acc[2]! += c[2];
        acc[3]! += 1;
      }
    }
    const a = acc[3]!;
    if (!a) return [0, 0, 0, 0];
    return [Math.round(acc[0]! / a), Math.round(acc[1]! / a), Math.round(acc[2]! / a), Math.round((255 * a) / (n * n))];
  });
}

if (process.argv[1]?.endsWith('icons.ts')) {
  mkdirSync('public/icon', { recursive: true });
  for (const size of ICON_SIZES) writeFileSync(`public/icon/${size}.png`, drawIcon(size));
  console.log(`wrote public/icon/{${ICON_SIZES.join(',')}}.png`);
}
