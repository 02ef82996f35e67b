import type { PickResult } from './types';

type Found = Omit<PickResult, 'viewport'>;

/** The URL a CSS background shows, preferring the image-set() candidate for this DPR. */
export function backgroundUrl(value: string, dpr = 1): string | undefined {
  const urls = [...value.matchAll(/url\(\s*(["']?)(.*?)\1\s*\)\s*(\d+(?:\.\d+)?)?x?/g)].map((m) => ({
    url: m[2] ?? '',
    density: m[3] ? Number(m[3]) : 1,
  }));
  if (!urls.length) return undefined;
  const fit = urls.filter((u) => u.density >= dpr).sort((a, b) => a.density - b.density)[0];
  return (fit ?? urls.sort((a, b) => b.density - a.density)[0])?.url;
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

function describe(el: Element): string {
  const alt = el.getAttribute('alt') ?? el.getAttribute('aria-label') ?? el.getAttribute('title');
  return `${el.tagName.toLowerCase()}${alt ? ` “${alt.slice(0, 80)}”` : ''}`;
}

function tryCanvas(draw: (ctx: CanvasRenderingContext2D) => void, w: number, h: number): string | undefined {
  try {
    const c = document.createElement('canvas');
    c.width = w;
    c.height = h;
    const ctx = c.getContext('2d');
    if (!ctx || !w || !h) return undefined;
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

/** The image under a point, looking through overlays, into open shadow roots and same-origin iframes. */
export function findImageAt(x: number, y: number, skip: Element, doc: Document = document, offset = { x: 0, y: 0 }): Found | undefined {
  for (const el of deepStack(doc, x, y, skip)) {
    const r = el.getBoundingClientRect();
    const rect = { x: r.x + offset.x, y: r.y + offset.y, width: r.width, height: r.height };
    if (el instanceof HTMLImageElement || el.tagName === 'IMG') {
      const img = el as HTMLImageElement;
      return { kind: 'element', rect, src: img.currentSrc || img.src, element: describe(img) };
    }
    if (el.tagName === 'CANVAS') {
      const c = el as HTMLCanvasElement;
      return { kind: 'element', rect, element: 'canvas', dataUrl: tryCanvas((ctx) => ctx.drawImage(c, 0, 0), c.width, c.height) };
    }
    if (el.tagName === 'VIDEO') {
      const v = el as HTMLVideoElement;
      return {
        kind: 'element',
        rect,
        element: `video frame at ${v.currentTime.toFixed(1)} s`,
        dataUrl: tryCanvas((ctx) => ctx.drawImage(v, 0, 0), v.videoWidth, v.videoHeight),
      };
    }
    const svg = el.closest('svg');
    if (svg) {
      const s = svg.getBoundingClientRect();
      return { kind: 'element', rect: { x: s.x + offset.x, y: s.y + offset.y, width: s.width, height: s.height }, element: describe(svg) };
    }
    if (el.tagName === 'IFRAME') {
      try {
        const inner = (el as HTMLIFrameElement).contentDocument;
        if (inner) {
          const found = findImageAt(x - r.x, y - r.y, skip, inner, { x: rect.x, y: rect.y });
          if (found) return found;
        }
      } catch {
        /* cross-origin frame: fall through to a crop */
      }
    }
    const bg = (el.ownerDocument.defaultView ?? window).getComputedStyle(el).backgroundImage;
    if (bg && bg !== 'none') {
      const src = backgroundUrl(bg, window.devicePixelRatio);
      if (src) return { kind: 'element', rect, src: new URL(src, el.ownerDocument.baseURI).href, element: `${el.tagName.toLowerCase()} background image` };
    }
  }
  return undefined;
}
