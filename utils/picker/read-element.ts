import { contentOffset, describe, frameDoc, tryCanvas, viewportOf, type Offset } from './find-image';
import type { Located, Srcsets, Viewport } from './types';

/** Page reads never produce more than this on the long edge; the worker downscales further anyway. */
const MAX_EDGE = 4096;

const picked: { node?: WeakRef<Element> } = ((globalThis as unknown as { __glimpsePicked?: { node?: WeakRef<Element> } }).__glimpsePicked ??= {});

/** Remembers the element a pick chose, so a later call (after the overlay is gone) can read it. */
export function rememberPicked(node: Element | undefined): void {
  picked.node = node ? new WeakRef(node) : undefined;
}

/**
 * The pixels of an image, canvas or video element as a PNG data URL, or undefined when the page may
 * not read them (a cross-origin source without CORS taints the canvas). `vector` draws at the size
 * on screen × devicePixelRatio: an SVG has no pixels of its own.
 */
export function readPixels(el: Element, vector = false): string | undefined {
  const dpr = el.ownerDocument.defaultView?.devicePixelRatio ?? 1;
  const r = el.getBoundingClientRect();
  let w = 0;
  let h = 0;
  if (el.tagName === 'IMG') {
    const img = el as HTMLImageElement;
    if (!img.complete) return undefined;
    [w, h] = vector || !img.naturalWidth ? [r.width * dpr, r.height * dpr] : [img.naturalWidth, img.naturalHeight];
  } else if (el.tagName === 'VIDEO') {
    const v = el as HTMLVideoElement;
    if (v.readyState < 2) return undefined;
    [w, h] = [v.videoWidth, v.videoHeight];
  } else if (el.tagName === 'CANVAS') {
    [w, h] = [(el as HTMLCanvasElement).width, (el as HTMLCanvasElement).height];
  } else {
    return undefined;
  }
  const s = Math.min(1, MAX_EDGE / Math.max(w, h, 1));
  const [cw, ch] = [Math.max(1, Math.round(w * s)), Math.max(1, Math.round(h * s))];
  return tryCanvas((ctx) => ctx.drawImage(el as CanvasImageSource, 0, 0, cw, ch), cw, ch);
}

/** The last picked element's pixels (see rememberPicked). */
export function readPicked(vector: boolean): string | undefined {
  const el = picked.node?.deref();
  return el?.isConnected ? readPixels(el, vector) : undefined;
}

/** Where this frame's viewport sits in the top one; undefined behind a cross-origin parent. */
export function frameOffset(): { offset: Offset; viewport: Viewport } | undefined {
  const offset = { x: 0, y: 0 };
  let w: Window = window;
  try {
    while (w !== w.parent) {
      const fe = w.frameElement;
      if (!fe) return undefined;
      const o = contentOffset(fe);
      offset.x += o.x;
      offset.y += o.y;
      w = w.parent;
    }
    return { offset, viewport: viewportOf(w) };
  } catch {
    return undefined;
  }
}

function* mediaElements(root: Document | ShadowRoot, offset: Offset): Generator<[Element, Offset]> {
  for (const el of root.querySelectorAll('*')) {
    if (el.tagName === 'IMG' || el.tagName === 'VIDEO') yield [el, offset];
    if (el.shadowRoot) yield* mediaElements(el.shadowRoot, offset);
    const inner = frameDoc(el);
    if (inner) {
      const o = contentOffset(el);
      yield* mediaElements(inner, { x: offset.x + o.x, y: offset.y + o.y });
    }
  }
}

/**
 * Finds the <img> or <video> showing `url` in this frame (open shadow roots and same-origin frames
 * included), the largest if several, and reads it: its pixels when the page may read them, and its
 * box in the top viewport for a screenshot crop.
 */
export async function locate(url: string, vector: boolean): Promise<Located | undefined> {
  let best: [Element, Offset, number] | undefined;
  for (const [el, offset] of mediaElements(document, { x: 0, y: 0 })) {
    const m = el as HTMLImageElement | HTMLVideoElement;
    if (m.currentSrc !== url && m.src !== url) continue;
    const r = el.getBoundingClientRect();
    const area = r.width * r.height;
    if (!best || area > best[2]) best = [el, offset, area];
  }
  if (!best) return undefined;
  const [el, inner] = best;
  const located: Located = { element: describe(el), dataUrl: readPixels(el, vector) };
  const top = frameOffset();
  // A screenshot crop needs the whole element on screen: scroll it there when it fits.
  if (!located.dataUrl && top && (await scrollIntoViewIfFits(el, inner, top))) await painted();
  const r = el.getBoundingClientRect();
  if (top && r.width > 0 && r.height > 0) {
    located.rect = { x: r.x + inner.x + top.offset.x, y: r.y + inner.y + top.offset.y, width: r.width, height: r.height };
    located.viewport = top.viewport;
  }
  return located;
}

/** Scrolls `el` fully into the top viewport when it is partly outside but fits; whether it scrolled. */
async function scrollIntoViewIfFits(el: Element, inner: Offset, top: NonNullable<ReturnType<typeof frameOffset>>): Promise<boolean> {
  const r = el.getBoundingClientRect();
  const x = r.x + inner.x + top.offset.x;
  const y = r.y + inner.y + top.offset.y;
  const outside = x < 0 || y < 0 || x + r.width > top.viewport.width || y + r.height > top.viewport.height;
  if (!outside || r.width > top.viewport.width || r.height > top.viewport.height) return false;
  el.scrollIntoView({ block: 'nearest', inline: 'nearest', behavior: 'instant' });
  return true;
}

/** Resolves once a frame has been painted since the call, so that a screenshot shows the new scroll. */
const painted = () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));

/** The srcsets of the <img> showing `url` (and of its <picture>'s sources), for a larger file of it. */
export function srcsetsOf(url: string): Srcsets | undefined {
  for (const [el] of mediaElements(document, { x: 0, y: 0 })) {
    const img = el as HTMLImageElement;
    if (el.tagName !== 'IMG' || img.currentSrc !== url) continue;
    const picture = img.parentElement?.tagName === 'PICTURE' ? img.parentElement : undefined;
    const sources = picture ? [...picture.querySelectorAll('source')].map((s) => s.srcset) : [];
    const sets = [...sources, img.srcset].filter(Boolean);
    if (sets.length) return { sets, base: img.ownerDocument.baseURI };
  }
  return undefined;
}
