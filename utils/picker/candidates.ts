import { backgroundUrl, contentOffset, frameDoc, type Offset } from './find-image';

export interface Candidate {
  el: Element;
  /** Where the element's document starts in the top viewport. */
  offset: Offset;
}

/** Stops a huge page from stalling the keyboard: the first this many elements are looked at. */
const MAX_VISITED = 20_000;

function looksLikeImage(el: Element): boolean {
  const tag = el.tagName;
  // Frames reach here only when cross-origin (same-origin ones are walked into): cropped as a whole.
  if (tag === 'IMG' || tag === 'CANVAS' || tag === 'VIDEO' || tag === 'IFRAME' || tag === 'FRAME') return true;
  if (tag.toLowerCase() === 'svg') return !el.parentElement?.closest('svg');
  const bg = (el.ownerDocument.defaultView ?? window).getComputedStyle(el).backgroundImage;
  return !!bg && bg !== 'none' && !!backgroundUrl(bg);
}

/**
 * The images a keyboard user can Tab through, in document order: <img>, <canvas>, <video>, outer <svg>,
 * CSS backgrounds and cross-origin frames, inside open shadow roots and same-origin iframes too. Only what is on screen.
 */
export function collectCandidates(skip: Element, root: Document | ShadowRoot = document, offset: Offset = { x: 0, y: 0 }, budget = { left: MAX_VISITED }): Candidate[] {
  const out: Candidate[] = [];
  // nodeType, not instanceof: a same-origin iframe's document comes from another realm.
  const doc = root.nodeType === Node.DOCUMENT_NODE ? (root as Document) : (root.ownerDocument ?? document);
  const view = doc.defaultView ?? window;
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
  for (let n = walker.nextNode(); n && budget.left-- > 0; n = walker.nextNode()) {
    const el = n as Element;
    if (el === skip) continue;
    if (el.shadowRoot) out.push(...collectCandidates(skip, el.shadowRoot, offset, budget));
    const inner = frameDoc(el);
    if (inner) {
      const o = contentOffset(el);
      out.push(...collectCandidates(skip, inner, { x: offset.x + o.x, y: offset.y + o.y }, budget));
      continue;
    }
    if (!looksLikeImage(el)) continue;
    const r = el.getBoundingClientRect();
    const visible = r.width > 8 && r.height > 8 && r.bottom > 0 && r.right > 0 && r.top < view.innerHeight && r.left < view.innerWidth;
    if (visible) out.push({ el, offset });
  }
  return out;
}
