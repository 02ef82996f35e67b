import type { AuditImage } from '../alt-text/verdicts';
import { backgroundUrl } from '../picker/find-image';
import { ariaName, areaSize, cssPath, firstSrcset, frameDocument, isShadowRoot, resolveKey, shadowOf, textOf } from './page-dom';

export { cssPath };

/** Runs in the page. Collects every image a screen reader meets, with what the page says about it. */
const MIN_BG = 48;
/** A canvas with more pixels than this is not read (its PNG would be megabytes in one message). */
const MAX_CANVAS_PIXELS = 1600 * 1600;
/** Inline SVG markup larger than this gets no thumbnail (the panel shows it as an image, so keep it small). */
const MAX_SVG_THUMB = 24_000;

const clean = (s: string | null | undefined, max = 300) => (s ?? '').replace(/\s+/g, ' ').trim().slice(0, max);

/** Where to look in a root: a document's body (not head, html or a page-wide body background), a shadow root whole. */
const scope = (root: Document | ShadowRoot) => (isShadowRoot(root) ? root : root.body);
const SVG_NS = 'http://www.w3.org/2000/svg';

/** Text next to an image; one walk per container, however many images share it. */
function adjacentText(el: Element, cache: Map<Element, string>): string {
  const container = el.closest('figure')?.querySelector('figcaption') ?? el.parentElement;
  if (!container) return '';
  let text = cache.get(container);
  if (text === undefined) cache.set(container, (text = textOf(container)));
  return text;
}

function baseOf(el: Element, kind: AuditImage['kind'], src: string, alt: string | null, cache: Map<Element, string>, top: Document): AuditImage {
  const r = el.getBoundingClientRect();
  const link = el.closest('a[href]');
  return {
    key: cssPath(el, top),
    kind,
    src,
    alt,
    width: Math.round(r.width),
    height: Math.round(r.height),
    linkText: link ? textOf(link) : undefined,
    adjacentText: adjacentText(el, cache),
    presentational: ['presentation', 'none'].includes(el.getAttribute('role') ?? '') || el.closest('[aria-hidden=true]') !== null,
  };
}

const abs = (url: string, doc: Document) => {
  try {
    return new URL(url, doc.baseURI).href;
  } catch {
    return url;
  }
};

/** An inline SVG as a self-contained data URL (shown as an image, so nothing in it runs or loads). */
function svgDataUrl(svg: SVGSVGElement): string | undefined {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const r = svg.getBoundingClientRect();
  if (!copy.getAttribute('width')) copy.setAttribute('width', String(Math.round(r.width)));
  if (!copy.getAttribute('height')) copy.setAttribute('height', String(Math.round(r.height)));
  const text = new XMLSerializer().serializeToString(copy);
  return text.length <= MAX_SVG_THUMB ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}` : undefined;
}

/** The image an `<area>` belongs to: the first `<img usemap>` naming its `<map>`. */
function mapImage(area: HTMLAreaElement): HTMLImageElement | undefined {
  const map = area.closest('map');
  const name = map?.name || map?.id;
  if (!name) return undefined;
  return [...(area.getRootNode() as Document | ShadowRoot).querySelectorAll<HTMLImageElement>('img[usemap]')].find((i) => i.useMap.replace(/^#/, '') === name);
}

const bgSize = (cs: CSSStyleDeclaration) => ({ width: parseFloat(cs.width) || 0, height: parseFloat(cs.height) || 0 });

export function collectImages(doc: Document = document): AuditImage[] {
  const out: AuditImage[] = [];
  const cache = new Map<Element, string>();
  const dpr = doc.defaultView?.devicePixelRatio ?? 1;
  const base = (el: Element, kind: AuditImage['kind'], src: string, alt: string | null) => baseOf(el, kind, src, alt, cache, doc);
  const cssBackground = (el: Element, value: string, key: string | undefined, size: { width: number; height: number }) => {
    const url = backgroundUrl(value, dpr);
    if (!url || size.width < MIN_BG || size.height < MIN_BG) return;
    // A CSS background has no alt; its accessible name comes from role=img + aria-label(ledby).
    const named = el.getAttribute('role') === 'img' && !key;
    const b = base(el, 'css-background', abs(url, el.ownerDocument), named ? (ariaName(el) ?? null) : null);
    out.push({ ...b, ...(key ? { key, ...size } : {}), presentational: b.presentational || !named });
  };
  // Shadow roots and same-origin frames' documents are appended as their hosts are met (web components
  // hide images in theirs; a frame's images are read where the audit and labels can reach them).
  const roots: (Document | ShadowRoot)[] = [doc];
  for (let i = 0; i < roots.length; i++) {
    for (const el of scope(roots[i]!)?.querySelectorAll('*') ?? []) {
      const sr = shadowOf(el);
      if (sr) roots.push(sr);
      const tag = el.localName;
      if (tag === 'iframe' || tag === 'frame') {
        const inner = frameDocument(el);
        if (inner?.body) roots.push(inner);
        continue;
      }
      if (tag === 'img') {
        const img = el as HTMLImageElement;
        const lazy = firstSrcset(img.getAttribute('srcset'));
        const src = img.currentSrc || img.src || (lazy ? abs(lazy, img.ownerDocument) : '');
        const alt = ariaName(img) ?? (img.hasAttribute('alt') ? img.getAttribute('alt') : null);
        out.push(base(img, img.parentElement?.localName === 'picture' ? 'picture' : 'img', src, alt));
        continue;
      }
      if (tag === 'svg' && el.getAttribute('role') === 'img') {
        const title = el.querySelector(':scope > title')?.textContent;
        out.push({ ...base(el, 'svg', '', ariaName(el) ?? (title ? clean(title) : null)), svg: svgDataUrl(el as SVGSVGElement) });
        continue;
      }
      if (tag === 'canvas') {
        const c = el as HTMLCanvasElement;
        const r = c.getBoundingClientRect();
        if (r.width < MIN_BG || r.height < MIN_BG || c.width * c.height > MAX_CANVAS_PIXELS) continue;
        let src = '';
        try {
          src = c.toDataURL('image/png');
        } catch {
          continue; // drawn from another origin: its pixels cannot be read
        }
        // Like a CSS background: a canvas is a picture to a screen reader only with role=img and a name.
        const named = el.getAttribute('role') === 'img';
        const b = base(el, 'canvas', src, named ? (ariaName(el) ?? null) : null);
        out.push({ ...b, presentational: b.presentational || !named });
        continue;
      }
      if (tag === 'input' && (el as HTMLInputElement).type === 'image') {
        out.push(base(el, 'input-image', (el as HTMLInputElement).src, ariaName(el) ?? el.getAttribute('alt')));
        continue;
      }
      if (tag === 'area' && el.hasAttribute('href')) {
        const area = el as HTMLAreaElement;
        const img = mapImage(area);
        if (!img) continue; // a map no image uses is never shown
        const b = base(area, 'area', img.currentSrc || img.src, ariaName(area) ?? area.getAttribute('alt'));
        // An area is itself a link: its alt is the link's only text.
        out.push({ ...b, ...areaSize(area.shape, area.coords, img.getBoundingClientRect()), linkText: '' });
        continue;
      }
      if (el.namespaceURI === SVG_NS && tag !== 'svg') continue;
      const view = el.ownerDocument.defaultView!;
      const cs = view.getComputedStyle(el);
      if (cs.backgroundImage.includes('url(')) cssBackground(el, cs.backgroundImage, undefined, el.getBoundingClientRect());
      for (const pseudo of ['::before', '::after'] as const) {
        const ps = view.getComputedStyle(el, pseudo);
        if (!ps.backgroundImage.includes('url(') || ps.content === 'none' || ps.content === 'normal') continue;
        cssBackground(el, ps.backgroundImage, `${cssPath(el, doc)}${pseudo}`, bgSize(ps));
      }
    }
  }
  return out;
}

/** What the page says around one image, for writing its alt text. Bounded. */
export interface ImageContext {
  alt: string | null;
  title: string | null;
  figcaption: string;
  heading: string;
  paragraph: string;
  linkHref: string | null;
  pageLang: string;
  pageTitle: string;
}

function nearestHeading(el: Element): string {
  const all = [...el.ownerDocument.querySelectorAll('h1, h2, h3, h4, h5, h6')];
  let best = '';
  for (const h of all) if (h.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) best = clean(h.textContent, 160);
  return best;
}

export function contextFor(el: Element): ImageContext {
  const fig = el.closest('figure')?.querySelector('figcaption');
  const para = el.closest('p') ?? el.closest('figure')?.previousElementSibling ?? el.parentElement;
  return {
    alt: el.getAttribute('alt'),
    title: el.getAttribute('title'),
    figcaption: clean(fig?.textContent),
    heading: nearestHeading(el),
    paragraph: clean(para && para.tagName !== 'FIGURE' ? para.textContent : (el.closest('figure')?.nextElementSibling?.textContent ?? ''), 600),
    linkHref: el.closest('a[href]')?.getAttribute('href') ? (el.closest('a[href]') as HTMLAnchorElement).href : null,
    pageLang: document.documentElement.lang || '',
    pageTitle: document.title,
  };
}

/** The image element showing `src` (for context lookup after a right-click). */
export function findBySrc(src: string): Element | null {
  return [...document.querySelectorAll('img')].find((i) => i.currentSrc === src || i.src === src) ?? null;
}

/** Scrolls to an audited image and outlines it for a few seconds (an area: the image it belongs to). */
export function highlight(key: string): boolean {
  const found = resolveKey(key);
  const el = (found?.localName === 'area' ? mapImage(found as HTMLAreaElement) : found) as HTMLElement | SVGElement | null | undefined;
  if (!el) return false;
  el.scrollIntoView({ block: 'center', behavior: 'smooth' });
  const prev = { outline: el.style.outline, offset: el.style.outlineOffset };
  el.style.outline = '4px solid #d93025';
  el.style.outlineOffset = '2px';
  setTimeout(() => Object.assign(el.style, { outline: prev.outline, outlineOffset: prev.offset }), 4000);
  return true;
}
