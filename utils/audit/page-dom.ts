/** DOM helpers for the audit script (runs in the page). Pure string helpers are unit-tested in Node. */

/** Separates the path to a shadow host from the path inside its shadow root. */
export const SHADOW = ' >>> ';
/** Separates the path to a same-origin frame's element from the path inside its document. */
export const FRAME = ' |> ';
/** Appended to a host's path for a ::before/::after background. */
export const PSEUDO = /::(before|after)$/;

const clean = (s: string, max: number) => s.replace(/\s+/g, ' ').trim().slice(0, max);

/**
 * The shadow root of `el`. Closed ones too where the extension API allows it (content scripts), asked
 * only of custom elements: the API is a round trip per call, and built-in hosts are rare.
 */
export function shadowOf(el: Element): ShadowRoot | null {
  if (el.shadowRoot || !el.localName.includes('-')) return el.shadowRoot;
  const dom = (globalThis as { chrome?: { dom?: { openOrClosedShadowRoot?: (e: Element) => ShadowRoot | null } } }).chrome?.dom;
  try {
    return dom?.openOrClosedShadowRoot?.(el) ?? null;
  } catch {
    return null;
  }
}

/** A CSS path that finds `el` again within its own root (document or shadow root). */
function localPath(el: Element): string {
  const root = el.getRootNode() as Document | ShadowRoot;
  const parts: string[] = [];
  for (let e: Element | null = el; e && e !== el.ownerDocument.documentElement; e = e.parentElement) {
    if (e.id && root.querySelectorAll(`#${CSS.escape(e.id)}`).length === 1) {
      parts.unshift(`#${CSS.escape(e.id)}`);
      break;
    }
    let index = 1;
    let same = false;
    for (let s = e.previousElementSibling; s; s = s.previousElementSibling) if (s.tagName === e.tagName) index++;
    for (let s = e.nextElementSibling; s && !same; s = s.nextElementSibling) same = s.tagName === e.tagName;
    const tag = CSS.escape(e.localName);
    parts.unshift(index > 1 || same ? `${tag}:nth-of-type(${index})` : tag);
  }
  return parts.join(' > ');
}

/** A shadow root from any frame (`instanceof` fails across a frame's realm). */
export const isShadowRoot = (n: Node): n is ShadowRoot => n.nodeType === Node.DOCUMENT_FRAGMENT_NODE && 'host' in n;

/** The `<iframe>` showing `doc`, when the frame is same-origin with its parent (else null). */
export function frameElementOf(doc: Document): Element | null {
  try {
    return doc.defaultView?.frameElement ?? null;
  } catch {
    return null;
  }
}

/** The document inside a same-origin `<iframe>`/`<frame>` that has loaded; null for another origin's. */
export function frameDocument(el: Element): Document | null {
  try {
    return (el as HTMLIFrameElement).contentDocument ?? null;
  } catch {
    return null;
  }
}

/**
 * A key that finds `el` again, across shadow roots and same-origin frames:
 * `frame path |> host path >>> inner path`. Stops at `top` (the document the audit walked from).
 */
export function cssPath(el: Element, top: Document = el.ownerDocument): string {
  const frames: string[] = [];
  for (let e: Element | null = el; e; ) {
    const parts: string[] = [];
    let doc: Document = e.ownerDocument;
    for (let c: Element | null = e; c; ) {
      parts.unshift(localPath(c));
      doc = c.ownerDocument;
      const root = c.getRootNode();
      c = isShadowRoot(root) ? root.host : null;
    }
    frames.unshift(parts.join(SHADOW));
    e = doc === top ? null : frameElementOf(doc);
  }
  return frames.join(FRAME);
}

/** The element a key names (for a pseudo-element background, its host). */
export function resolveKey(key: string, doc: Document = document): Element | null {
  let el: Element | null = null;
  let frameDoc: Document | null = doc;
  for (const framePart of key.replace(PSEUDO, '').split(FRAME)) {
    if (!frameDoc) return null;
    let root: Document | ShadowRoot | null = frameDoc;
    for (const part of framePart.split(SHADOW)) {
      el = root?.querySelector(part) ?? null;
      root = el && shadowOf(el);
    }
    frameDoc = el && frameDocument(el);
  }
  return el;
}

const SKIP_TEXT = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'svg', 'SVG']);

/**
 * The text inside `container`, without images' own text (SVG titles), scripts or styles: bounded, so a
 * huge container costs no more than its first few hundred characters.
 */
export function textOf(container: Node, max = 300): string {
  const doc = container.ownerDocument ?? (container as Document);
  const walk = doc.createTreeWalker(container, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => (n.nodeType === Node.ELEMENT_NODE ? (SKIP_TEXT.has((n as Element).tagName) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_SKIP) : NodeFilter.FILTER_ACCEPT),
  });
  let out = '';
  for (let n = walk.nextNode(); n && out.length <= max * 2; n = walk.nextNode()) out += (n as Text).data.replace(/\s+/g, ' ');
  return clean(out, max);
}

/**
 * The accessible name ARIA gives `el` before its own alt/label: aria-labelledby (the referenced
 * elements' text), then a non-empty aria-label; undefined when neither says anything.
 */
export function ariaName(el: Element): string | undefined {
  const ids = el.getAttribute('aria-labelledby')?.trim();
  if (ids) {
    const root = el.getRootNode() as Document | ShadowRoot;
    const text = ids
      .split(/\s+/)
      .map((id) => root.getElementById(id))
      .filter((r): r is HTMLElement => !!r)
      .map((r) => r.getAttribute('aria-label') ?? textOf(r))
      .join(' ');
    if (text.trim()) return clean(text, 300);
  }
  const label = el.getAttribute('aria-label');
  return label?.trim() ? label : undefined;
}

/** The first candidate of a srcset (for a lazy image that has not loaded, or has no src). */
export function firstSrcset(srcset: string | null): string | undefined {
  const first = srcset?.split(/,\s+/)[0]?.trim().split(/\s+/)[0];
  return first || undefined;
}

/** The CSS-pixel box an `<area>` covers, from its shape and coords; the whole image for `default`. */
export function areaSize(shape: string, coords: string, image: { width: number; height: number }): { width: number; height: number } {
  const c = coords.split(/[\s,]+/).filter(Boolean).map(Number).filter(Number.isFinite);
  const s = shape.toLowerCase();
  if (s === 'circle' || s === 'circ') return c.length >= 3 ? { width: 2 * c[2]!, height: 2 * c[2]! } : { width: 0, height: 0 };
  if (s === 'poly' || s === 'polygon') {
    const xs = c.filter((_, i) => i % 2 === 0);
    const ys = c.filter((_, i) => i % 2 === 1);
    return xs.length >= 3 && ys.length >= 3 ? { width: Math.max(...xs) - Math.min(...xs), height: Math.max(...ys) - Math.min(...ys) } : { width: 0, height: 0 };
  }
  if (s === 'default') return { ...image };
  // rect (the default shape): x1,y1,x2,y2 in any order.
  return c.length >= 4 ? { width: Math.abs(c[2]! - c[0]!), height: Math.abs(c[3]! - c[1]!) } : { width: 0, height: 0 };
}
