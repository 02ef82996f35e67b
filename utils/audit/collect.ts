import type { AuditImage } from '../alt-text/verdicts';

/** Runs in the page. Collects every image a screen reader meets, with what the page says about it. */
const MIN_BG = 48;
const MAX_TEXT = 300;

const clean = (s: string | null | undefined, max = MAX_TEXT) => (s ?? '').replace(/\s+/g, ' ').trim().slice(0, max);

/** A CSS path that finds the element again (for highlighting). */
export function cssPath(el: Element): string {
  const parts: string[] = [];
  for (let e: Element | null = el; e && e !== document.documentElement; e = e.parentElement) {
    if (e.id && document.querySelectorAll(`#${CSS.escape(e.id)}`).length === 1) {
      parts.unshift(`#${CSS.escape(e.id)}`);
      break;
    }
    const same = e.parentElement ? [...e.parentElement.children].filter((c) => c.tagName === e!.tagName) : [];
    parts.unshift(same.length > 1 ? `${e.tagName.toLowerCase()}:nth-of-type(${same.indexOf(e) + 1})` : e.tagName.toLowerCase());
  }
  return parts.join(' > ');
}

/** The container's text without any images in it. */
function textWithout(container: Element): string {
  const clone = container.cloneNode(true) as Element;
  clone.querySelectorAll('img, svg, picture, input[type=image]').forEach((n) => n.remove());
  return clean(clone.textContent);
}

function adjacent(el: Element): string {
  const fig = el.closest('figure')?.querySelector('figcaption');
  if (fig) return clean(fig.textContent);
  const parent = el.parentElement;
  return parent ? textWithout(parent) : '';
}

function base(el: Element, kind: AuditImage['kind'], src: string, alt: string | null): AuditImage {
  const r = el.getBoundingClientRect();
  const link = el.closest('a[href]');
  return {
    key: cssPath(el),
    kind,
    src,
    alt,
    width: Math.round(r.width),
    height: Math.round(r.height),
    linkText: link ? textWithout(link) : undefined,
    adjacentText: adjacent(el),
    presentational: ['presentation', 'none'].includes(el.getAttribute('role') ?? '') || el.closest('[aria-hidden=true]') !== null,
  };
}

export function collectImages(doc: Document = document): AuditImage[] {
  const out: AuditImage[] = [];
  for (const img of doc.querySelectorAll('img')) {
    const kind = img.parentElement?.tagName === 'PICTURE' ? 'picture' : 'img';
    out.push(base(img, kind, img.currentSrc || img.src, img.hasAttribute('alt') ? img.getAttribute('alt') : (img.getAttribute('aria-label') ?? null)));
  }
  for (const svg of doc.querySelectorAll('svg[role=img]')) {
    const label = svg.getAttribute('aria-label') ?? svg.querySelector(':scope > title')?.textContent ?? null;
    out.push(base(svg, 'svg', '', label));
  }
  for (const input of doc.querySelectorAll<HTMLInputElement>('input[type=image]')) {
    out.push(base(input, 'input-image', input.src, input.getAttribute('alt')));
  }
  for (const area of doc.querySelectorAll<HTMLAreaElement>('area[href]')) {
    out.push({ ...base(area, 'area', area.href, area.getAttribute('alt')), width: 100, height: 100 });
  }
  for (const el of doc.body.querySelectorAll<HTMLElement>('*')) {
    const bg = getComputedStyle(el).backgroundImage;
    if (!bg || bg === 'none' || !bg.includes('url(')) continue;
    const r = el.getBoundingClientRect();
    if (r.width < MIN_BG || r.height < MIN_BG) continue;
    const url = /url\(["']?(.*?)["']?\)/.exec(bg)?.[1] ?? '';
    // A CSS background has no alt; its accessible name comes from role=img + aria-label.
    const alt = el.getAttribute('role') === 'img' ? el.getAttribute('aria-label') : null;
    out.push({ ...base(el, 'css-background', new URL(url, doc.baseURI).href, alt), presentational: el.getAttribute('role') !== 'img' });
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
  const all = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')];
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

/** Scrolls to an audited image and outlines it for a few seconds. */
export function highlight(key: string): boolean {
  const el = document.querySelector(key) as HTMLElement | null;
  if (!el) return false;
  el.scrollIntoView({ block: 'center', behavior: 'smooth' });
  const prev = el.style.outline;
  el.style.outline = '4px solid #d93025';
  el.style.outlineOffset = '2px';
  setTimeout(() => (el.style.outline = prev), 4000);
  return true;
}
