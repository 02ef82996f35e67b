import type { PickerText, PickResult, Viewport } from './types';

/** Fills `{1}`, `{2}`… of a template that came from the worker in the UI language. */
export const fill = (template: string, ...subs: (string | number)[]) => template.replace(/\{(\d)\}/g, (_, n: string) => String(subs[Number(n) - 1] ?? ''));

/** Element names for provenance, in the UI language once the worker has passed them (see PickerText). */
const labels: Pick<PickerText, 'videoFrame' | 'background'> = { videoFrame: 'video frame at {1} s', background: '{1} background image' };
export const setLabels = (text: PickerText): void => void Object.assign(labels, { videoFrame: text.videoFrame, background: text.background });
export const videoFrameName = (v: HTMLVideoElement): string => fill(labels.videoFrame, v.currentTime.toFixed(1));

/** What the picker found; `node` stays in the page (it cannot cross executeScript). */
export type Found = Omit<PickResult, 'viewport'> & { node?: Element };
export interface Offset {
  x: number;
  y: number;
}

const DENSITY: Record<string, number> = { x: 1, dppx: 1, dpi: 1 / 96, dpcm: 2.54 / 96 };

/** The URL a CSS background shows, preferring the image-set() candidate the browser uses at this DPR. */
export function backgroundUrl(value: string, dpr = 1): string | undefined {
  const re = /url\(\s*(["']?)(.*?)\1\s*\)(?:\s*type\([^)]*\))?\s*(?:(\d*\.?\d+)(x|dppx|dpi|dpcm)\b)?/g;
  const urls = [...value.matchAll(re)].map((m) => ({
    url: m[2] ?? '',
    density: m[3] ? Number(m[3]) * (DENSITY[m[4] ?? 'x'] ?? 1) : 1,
  }));
  if (!urls.length) return undefined;
  // Chromium takes the lowest density that still covers the screen, else the highest there is.
  const fit = urls.filter((u) => u.density >= dpr).sort((a, b) => a.density - b.density)[0];
  return (fit ?? urls.sort((a, b) => b.density - a.density)[0])?.url;
}

/** A window's viewport for a screenshot crop (see Viewport). */
export const viewportOf = (w: Window): Viewport => ({ width: w.innerWidth, height: w.innerHeight, dpr: w.devicePixelRatio });

/** Where a frame's document starts, in the coordinates of the frame element's own viewport. */
export function contentOffset(frame: Element): Offset {
  const r = frame.getBoundingClientRect();
  const cs = (frame.ownerDocument.defaultView ?? window).getComputedStyle(frame);
  return { x: r.x + frame.clientLeft + (parseFloat(cs.paddingLeft) || 0), y: r.y + frame.clientTop + (parseFloat(cs.paddingTop) || 0) };
}

/** A same-origin frame's document, or undefined for a cross-origin one. */
export function frameDoc(el: Element): Document | undefined {
  if (el.tagName !== 'IFRAME' && el.tagName !== 'FRAME') return undefined;
  try {
    return (el as HTMLIFrameElement).contentDocument ?? undefined;
  } catch {
    return undefined;
  }
}

function deepStack(root: Document | ShadowRoot, x: number, y: number, skip: Element): Element[] {
  const out: Element[] = [];
  for (const el of root.elementsFromPoint(x, y)) {
    if (el === skip || out.includes(el)) continue;
    if (el.shadowRoot && el.shadowRoot !== root) {
      for (const inner of deepStack(el.shadowRoot, x, y, skip)) if (!out.includes(inner)) out.push(inner);
    }
    out.push(el);
  }
  return out;
}

/** `iframe “title”`, else `iframe “host”`: the frame's content is not ours to read. */
function describeFrame(el: Element): string {
  const title = el.getAttribute('title') ?? el.getAttribute('aria-label');
  let host = '';
  try {
    host = new URL((el as HTMLIFrameElement).src, el.ownerDocument.baseURI).host;
  } catch {
    // no usable src: the tag alone
  }
  const name = title || host;
  return `${el.tagName.toLowerCase()}${name ? ` “${name.slice(0, 80)}”` : ''}`;
}

export function describe(el: Element): string {
  const alt = el.getAttribute('alt') ?? el.getAttribute('aria-label') ?? el.getAttribute('title');
  return `${el.tagName.toLowerCase()}${alt ? ` “${alt.slice(0, 80)}”` : ''}`;
}

/** Draws into a fresh canvas and returns a PNG data URL; undefined for a tainted (cross-origin) source. */
export function tryCanvas(draw: (ctx: CanvasRenderingContext2D) => void, w: number, h: number): string | undefined {
  try {
    const c = document.createElement('canvas');
    c.width = Math.round(w);
    c.height = Math.round(h);
    const ctx = c.getContext('2d');
    if (!ctx || c.width < 1 || c.height < 1) return undefined;
    draw(ctx);
    return c.toDataURL('image/png'); // throws on a tainted canvas
  } catch {
    return undefined;
  }
}

/** Reads a blob: URL in the page, where it lives; the worker cannot. */
export async function readBlobUrl(url: string): Promise<string | undefined> {
  try {
    const blob = await (await fetch(url)).blob();
    return await new Promise((resolve) => {
      const r = new FileReader();
      r.onload = () => resolve(String(r.result));
      r.onerror = () => resolve(undefined);
      r.readAsDataURL(blob);
    });
  } catch {
    return undefined;
  }
}

const outermostSvg = (el: Element): Element | null => {
  let svg = el.closest('svg');
  while (svg?.parentElement?.closest('svg')) svg = svg.parentElement.closest('svg');
  return svg;
};

/** The image an element shows, if any: its file, or at least its box for a screenshot crop. */
export function imageOf(el: Element, offset: Offset = { x: 0, y: 0 }): Found | undefined {
  const box = (e: Element) => {
    const r = e.getBoundingClientRect();
    return { x: r.x + offset.x, y: r.y + offset.y, width: r.width, height: r.height };
  };
  const tag = el.tagName;
  if (tag === 'IMG') {
    const img = el as HTMLImageElement;
    const src = img.currentSrc || img.src;
    return src ? { kind: 'element', rect: box(img), src, element: describe(img), node: img } : undefined;
  }
  // Canvas and video pixels are read once, on confirm (readPixels), not on every pointer move.
  if (tag === 'CANVAS') return { kind: 'element', rect: box(el), element: 'canvas', node: el };
  if (tag === 'VIDEO') {
    const v = el as HTMLVideoElement;
    return { kind: 'element', rect: box(v), element: videoFrameName(v), node: v };
  }
  // A cross-origin frame cannot be looked into; what it shows (an embed, an ad, a player) is cropped from the screen.
  if ((tag === 'IFRAME' || tag === 'FRAME') && !frameDoc(el)) {
    const o = contentOffset(el);
    const rect = { x: o.x + offset.x, y: o.y + offset.y, width: el.clientWidth, height: el.clientHeight };
    return { kind: 'element', rect, element: describeFrame(el), node: el };
  }
  const svg = outermostSvg(el);
  // Inline SVG takes its look from the page's CSS, so a screenshot crop is what the user sees.
  if (svg) return { kind: 'element', rect: box(svg), element: describe(svg), node: svg };
  const bg = (el.ownerDocument.defaultView ?? window).getComputedStyle(el).backgroundImage;
  if (bg && bg !== 'none') {
    const src = backgroundUrl(bg, window.devicePixelRatio);
    if (src) return { kind: 'element', rect: box(el), src: new URL(src, el.ownerDocument.baseURI).href, element: fill(labels.background, tag.toLowerCase()), node: el };
  }
  return undefined;
}

/** The image under a point, looking through overlays, into open shadow roots and same-origin iframes. */
export function findImageAt(x: number, y: number, skip: Element, doc: Document = document, offset: Offset = { x: 0, y: 0 }): Found | undefined {
  for (const el of deepStack(doc, x, y, skip)) {
    const inner = frameDoc(el);
    if (inner) {
      const o = contentOffset(el);
      const found = findImageAt(x - o.x, y - o.y, skip, inner, { x: offset.x + o.x, y: offset.y + o.y });
      if (found) return found;
      continue;
    }
    const found = imageOf(el, offset);
    // A cross-origin frame: remember where in it the point is, so the worker can look inside when allowed.
    if (found && (el.tagName === 'IFRAME' || el.tagName === 'FRAME')) {
      const o = contentOffset(el);
      found.frame = { src: (el as HTMLIFrameElement).src, x: x - o.x, y: y - o.y };
    }
    if (found) return found;
  }
  return undefined;
}
