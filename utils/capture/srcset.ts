/** Pure: a larger file of the same image, from the srcset that offered the one shown. */
import { parseSrcset } from 'srcset';
import type { Srcsets } from '../picker/types';

/** The largest long edge any provider rule keeps (Anthropic's 1568 px): a larger file adds nothing. */
export const USEFUL_EDGE = 1568;

const resolve = (url: string, base: string): string | undefined => {
  try {
    return new URL(url, base).href;
  } catch {
    return undefined;
  }
};

/**
 * When the file shown (`srcUrl`, `shown` px) is smaller than a model can use, the smallest candidate
 * of the same srcset that reaches USEFUL_EDGE, else its largest; undefined when none is larger. Only
 * the set that offered `srcUrl` counts: other <source>s may be art-directed crops. Widths come from
 * `w` descriptors, or scale the shown file's by density; authors can be wrong, so callers check.
 */
export function largerCandidate(srcUrl: string, shown: { width: number; height: number }, srcsets: Srcsets): string | undefined {
  const long = (w: number) => Math.max(w, (w * shown.height) / shown.width);
  if (long(shown.width) >= USEFUL_EDGE) return undefined;
  for (const set of srcsets.sets) {
    const all = parseSrcset(set).map((c) => ({ ...c, url: resolve(c.url, srcsets.base) }));
    const current = all.find((c) => c.url === srcUrl);
    if (!current) continue;
    const widthOf = (c: (typeof all)[number]) =>
      c.width ?? (current.width ? undefined : ((c.density ?? 1) / (current.density ?? 1)) * shown.width);
    const bigger = all
      .map((c) => ({ url: c.url, width: widthOf(c) }))
      .filter((c): c is { url: string; width: number } => !!c.url && c.width !== undefined && c.width > shown.width)
      .sort((a, b) => a.width - b.width);
    return (bigger.find((c) => long(c.width) >= USEFUL_EDGE) ?? bigger.at(-1))?.url;
  }
  return undefined;
}
