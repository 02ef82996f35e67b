import type { AuditImage } from '../alt-text/verdicts';
import { collectImages, contextFor, type ImageContext } from '../audit/collect';
import { PSEUDO, resolveKey, textOf } from '../audit/page-dom';

/**
 * Runs in the page (a page script, like the picker and the audit collector): it reads the images, writes
 * the labels the worker sends and takes them away again. It never touches extension storage; all it gets
 * is the text to write.
 */

/** An image as the worker needs it to decide and to write the prompt. */
export interface LabelTarget extends AuditImage {
  /** Inside the viewport when the page was read: labelled first. */
  visible: boolean;
  /** A CSS background or canvas with no text of its own (fallback content) and no role: a picture without a name. */
  bareBackground?: boolean;
  context: ImageContext;
}

export interface LabelWrite {
  key: string;
  /** The label with its marker; '' marks a decorative `<img>` (alt=""). */
  text: string;
  /** aria-description, saying who wrote it. */
  description: string;
}

/** Every attribute a label may change; restored exactly, absent ones removed again. */
const ATTRS = ['alt', 'role', 'aria-label', 'aria-labelledby', 'aria-description'] as const;
const saved = new Map<Element, Record<string, string | null>>();
let region: HTMLElement | undefined;

export function labelTargets(doc: Document = document): { images: LabelTarget[]; lang: string } {
  const view = doc.defaultView!;
  const images = collectImages(doc).map((img): LabelTarget => {
    const el = resolveKey(img.key, doc);
    const r = el?.getBoundingClientRect();
    const visible = !!r && r.bottom > 0 && r.right > 0 && r.top < view.innerHeight && r.left < view.innerWidth && el!.ownerDocument === doc;
    const bare =
      (img.kind === 'css-background' || img.kind === 'canvas') && !PSEUDO.test(img.key) && !!el && !el.getAttribute('role') && !el.closest('[aria-hidden=true]') && !textOf(el, 20);
    return { ...img, visible, ...(bare ? { bareBackground: true } : {}), context: el ? contextFor(el) : contextFor(doc.body) };
  });
  return { images, lang: doc.documentElement.lang || '' };
}

/** Writes one label where a screen reader meets the image. False when the image is gone. */
export function writeLabel(w: LabelWrite, doc: Document = document): boolean {
  const el = resolveKey(w.key, doc);
  if (!el) return false;
  if (!saved.has(el)) saved.set(el, Object.fromEntries(ATTRS.map((a) => [a, el.getAttribute(a)])));
  const altHolder = ['img', 'input', 'area'].includes(el.localName);
  // An ARIA name wins over alt, so a poor aria-label is replaced where it is, not hidden behind alt.
  if (altHolder && !el.hasAttribute('aria-label') && !el.hasAttribute('aria-labelledby')) el.setAttribute('alt', w.text);
  else {
    if (!altHolder) el.setAttribute('role', 'img');
    el.removeAttribute('aria-labelledby');
    el.setAttribute('aria-label', w.text);
  }
  if (w.text) el.setAttribute('aria-description', w.description);
  return true;
}

/** Puts back every attribute as it was before Glimpse wrote a label. Returns how many images it restored. */
export function removeLabels(): number {
  let n = 0;
  for (const [el, attrs] of saved) {
    for (const [a, v] of Object.entries(attrs)) (v === null ? el.removeAttribute(a) : el.setAttribute(a, v));
    n++;
  }
  saved.clear();
  region?.remove();
  region = undefined;
  return n;
}

/** Says `text` once in a polite live region (made empty first, so screen readers notice the change). */
export function announce(text: string, doc: Document = document): void {
  if (!region?.isConnected) {
    region = doc.createElement('div');
    region.setAttribute('role', 'status');
    region.setAttribute('aria-live', 'polite');
    region.dataset.glimpseLive = '';
    region.style.cssText = 'position:absolute!important;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap;margin:-1px;';
    doc.body.append(region);
  }
  const r = region;
  r.textContent = '';
  setTimeout(() => (r.textContent = text), 100);
}

const IMAGE_LIKE = 'img, svg, input[type=image], picture, [style*="background"], iframe';

/**
 * Calls `changed` (debounced) when images arrive later: infinite scroll, carousels, a lazy image's source.
 * Glimpse's own writes (alt, aria-*) and its live region do not count.
 */
export function watchImages(changed: () => void, debounceMs = 400, doc: Document = document): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const isImage = (n: Node) => n.nodeType === Node.ELEMENT_NODE && ((n as Element).matches(IMAGE_LIKE) || !!(n as Element).querySelector(IMAGE_LIKE));
  const obs = new MutationObserver((records) => {
    const relevant = records.some((r) => (r.type === 'attributes' ? true : [...r.addedNodes].some(isImage)) && !(r.target as Element).closest?.('[data-glimpse-live]'));
    if (!relevant) return;
    clearTimeout(timer);
    timer = setTimeout(changed, debounceMs);
  });
  obs.observe(doc.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['src', 'srcset', 'style'] });
  return () => (obs.disconnect(), clearTimeout(timer));
}
