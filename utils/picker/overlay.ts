import { collectCandidates, type Candidate } from './candidates';
import { fill, findImageAt, imageOf, readBlobUrl, setLabels, viewportOf, type Found } from './find-image';
import { pickedResult } from './at-pointer';
import type { PickerText, PickMode, PickResult, Rect } from './types';


const CSS = `
:host { all: initial; }
.layer { position: fixed; inset: 0; cursor: crosshair; background: rgba(0,0,0,.15); outline: none; font: 14px/1.4 system-ui, sans-serif; }
.layer:focus-visible .hint { outline: 3px solid #ffbf47; }
.hint { position: fixed; top: 12px; left: 50%; transform: translateX(-50%); max-width: 90vw; margin: 0; padding: 8px 12px; border-radius: 6px; background: #1b1b1b; color: #fff; }
.sel, .hl { position: fixed; box-sizing: border-box; pointer-events: none; }
.sel { border: 2px dashed #fff; outline: 2px solid #0b57d0; background: rgba(255,255,255,.1); }
.hl { border: 3px solid #0b57d0; background: rgba(11,87,208,.15); }
[hidden] { display: none; }
@media (forced-colors: active) { .sel, .hl { border-color: Highlight; } }
`;

const MIN = 4;
/** A drag this close to the top or bottom of the screen scrolls the page, this far a frame. */
const EDGE = 24;
const EDGE_STEP = 20;

/** How long the picker waits for a side panel that is on its way to shrink the page (it normally takes under half a second). */
const PANEL_WAIT_MS = 2000;

/** Resolves at the page's next resize, or after `ms` if none comes. */
const nextResize = (ms: number) =>
  new Promise<void>((resolve) => {
    const done = () => (clearTimeout(timer), removeEventListener('resize', done), resolve());
    const timer = setTimeout(done, ms);
    addEventListener('resize', done);
  });

/**
 * Shows the picker; resolves with what the user chose, or null on Escape. When the same click opens the
 * side panel (`panelComing`), the page shrinks as the panel shows, after the picker would be up: a pick
 * measured before that and cropped from a screenshot after it takes the wrong pixels, so the picker
 * comes up on the page as it will be.
 */
export async function pick(mode: PickMode, text: PickerText, panelComing = false): Promise<PickResult | null> {
  if (panelComing) await nextResize(PANEL_WAIT_MS);
  return showPicker(mode, text);
}

function showPicker(mode: PickMode, text: PickerText): Promise<PickResult | null> {
  setLabels(text);
  document.querySelector('glimpse-picker')?.remove();
  const host = document.createElement('glimpse-picker');
  host.style.cssText = 'position:fixed;inset:0;z-index:2147483647;';
  const root = host.attachShadow({ mode: 'closed' });
  const el = (tag: string, cls: string) => Object.assign(document.createElement(tag), { className: cls });
  const style = document.createElement('style');
  style.textContent = CSS;
  const layer = el('div', 'layer');
  layer.tabIndex = 0;
  layer.setAttribute('role', 'dialog');
  layer.setAttribute('aria-modal', 'true');
  const hint = el('p', 'hint');
  hint.id = 'hint';
  hint.setAttribute('aria-live', 'polite');
  const hl = el('div', 'hl');
  const sel = el('div', 'sel');
  hl.hidden = sel.hidden = true;
  layer.append(hint, hl, sel);
  root.append(style, layer);
  layer.setAttribute('aria-labelledby', 'hint');
  hint.textContent = mode === 'region' ? text.region : text.element;
  document.documentElement.append(host);
  layer.focus();

  const viewport = () => viewportOf(window);
  /** The region, in document px: it may run past the top or bottom of the screen (the worker stitches it). */
  let rect: Rect | null = null;
  let found: Found | undefined;
  let start: { x: number; y: number } | null = null;
  let candidates: Candidate[] = [];
  let ci = -1;

  const show = (el: HTMLElement, r: Rect | null) => {
    el.hidden = !r;
    if (r) Object.assign(el.style, { left: `${r.x}px`, top: `${r.y}px`, width: `${r.width}px`, height: `${r.height}px` });
  };
  const docHeight = () => Math.max(document.documentElement.scrollHeight, document.body?.scrollHeight ?? 0, innerHeight);
  /** Within the screen across; within the document down. */
  const clamp = (r: Rect): Rect => {
    const v = viewport();
    const width = Math.min(Math.max(r.width, MIN), v.width);
    const height = Math.min(Math.max(r.height, MIN), docHeight());
    return { x: Math.min(Math.max(r.x, scrollX), scrollX + v.width - width), y: Math.min(Math.max(r.y, 0), docHeight() - height), width, height };
  };
  const onScreen = (r: Rect): Rect => ({ ...r, x: r.x - scrollX, y: r.y - scrollY });
  /** Scrolls just enough to show the region's moving edge. */
  const reveal = (r: Rect, edge: 'top' | 'bottom') => {
    const y = edge === 'bottom' ? r.y + r.height - innerHeight : r.y;
    if (edge === 'bottom' ? y > scrollY : y < scrollY) window.scrollTo({ top: y, behavior: 'instant' });
  };

  return new Promise((resolve) => {
    const finish = async (result: PickResult | null) => {
      cleanup();
      if (result?.src?.startsWith('blob:')) result.dataUrl ??= await readBlobUrl(result.src);
      // Let the overlay leave the screen before the worker takes its screenshot.
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      resolve(result);
    };
    const region = (r: Rect): PickResult => ({ kind: 'region', rect: onScreen(clamp(r)), viewport: viewport() });
    // The element stays here for a later in-page read; only plain data goes to the worker.
    const element = (): PickResult | null => (found ? pickedResult(found, viewport()) : null);

    // Only the user's own input counts: a page script can dispatch pointer and key events, but not trusted ones.
    const onDown = (e: PointerEvent) => {
      if (!e.isTrusted || e.button !== 0) return;
      e.preventDefault();
      start = { x: e.clientX + scrollX, y: e.clientY + scrollY };
      layer.setPointerCapture?.(e.pointerId);
    };
    let pointer: { x: number; y: number } | null = null;
    let edgeTimer: ReturnType<typeof setInterval> | undefined;
    const drag = () => {
      if (!start || !pointer) return;
      const [x, y] = [pointer.x + scrollX, pointer.y + scrollY];
      rect = { x: Math.min(start.x, x), y: Math.min(start.y, y), width: Math.abs(x - start.x), height: Math.abs(y - start.y) };
      show(sel, onScreen(rect));
      show(hl, null);
    };
    const onMove = (e: PointerEvent) => {
      if (!e.isTrusted) return;
      if (start) {
        pointer = { x: e.clientX, y: e.clientY };
        drag();
        // Held at the top or bottom edge, the page scrolls on and the region grows with it.
        const dir = e.clientY >= innerHeight - EDGE ? 1 : e.clientY <= EDGE ? -1 : 0;
        clearInterval(edgeTimer);
        edgeTimer = dir ? setInterval(() => (window.scrollBy({ top: dir * EDGE_STEP, behavior: 'instant' }), drag()), 16) : undefined;
      } else if (mode === 'element') {
        found = findImageAt(e.clientX, e.clientY, host);
        show(hl, found?.rect ?? null);
      }
    };
    const onUp = (e: PointerEvent) => {
      clearInterval(edgeTimer);
      if (!e.isTrusted || !start) return;
      const dragged = Math.abs(e.clientX + scrollX - start.x) >= MIN && Math.abs(e.clientY + scrollY - start.y) >= MIN;
      start = null;
      if (dragged && rect) return void finish(region(rect));
      if (mode === 'element') {
        found = findImageAt(e.clientX, e.clientY, host);
        if (found) return void finish(element());
      }
    };
    const onKey = (e: KeyboardEvent) => {
      if (!e.isTrusted) return;
      e.stopPropagation();
      if (e.key === 'Escape') return e.preventDefault(), void finish(null);
      if (e.key === 'Enter') {
        e.preventDefault();
        if (rect) return void finish(region(rect));
        if (found) return void finish(element());
        return;
      }
      if (mode === 'element' && e.key === 'Tab') {
        e.preventDefault();
        if (!candidates.length) candidates = collectCandidates(host);
        if (!candidates.length) {
          hint.textContent = text.noImages;
          return;
        }
        const n = candidates.length;
        ci = ci < 0 ? (e.shiftKey ? n - 1 : 0) : (ci + (e.shiftKey ? n - 1 : 1)) % n;
        const c = candidates[ci]!;
        found = imageOf(c.el, c.offset);
        rect = null;
        show(sel, null);
        show(hl, found?.rect ?? null);
        hint.textContent = fill(text.imageOf, ci + 1, candidates.length, found?.element ?? c.el.tagName.toLowerCase());
        return;
      }
      const step = e.altKey ? 1 : 10;
      const d = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] }[e.key];
      if (!d) return;
      e.preventDefault();
      const v = viewport();
      rect ??= { x: scrollX + v.width / 4, y: scrollY + v.height / 4, width: v.width / 2, height: v.height / 2 };
      rect = e.shiftKey
        ? clamp({ ...rect, width: rect.width + d[0]!, height: rect.height + d[1]! })
        : clamp({ ...rect, x: rect.x + d[0]!, y: rect.y + d[1]! });
      // Past the screen's edge, the page scrolls to follow (Shift+↓ grows the region down the page).
      reveal(rect, d[1]! < 0 && !e.shiftKey ? 'top' : 'bottom');
      show(sel, onScreen(rect));
      show(hl, null);
      hint.textContent = fill(text.selection, Math.round(rect.width), Math.round(rect.height), Math.round(rect.x), Math.round(rect.y));
    };
    const onScroll = () => rect && !sel.hidden && show(sel, onScreen(rect));
    window.addEventListener('scroll', onScroll);
    function cleanup() {
      clearInterval(edgeTimer);
      window.removeEventListener('scroll', onScroll);
      layer.removeEventListener('pointerdown', onDown);
      layer.removeEventListener('pointermove', onMove);
      layer.removeEventListener('pointerup', onUp);
      window.removeEventListener('keydown', onKey, true);
      host.remove();
    }
    layer.addEventListener('pointerdown', onDown);
    layer.addEventListener('pointermove', onMove);
    layer.addEventListener('pointerup', onUp);
    window.addEventListener('keydown', onKey, true);
  });
}
