import { browser, type Browser } from 'wxt/browser';
import { CaptureError, type RawImage } from './fetch-image';
import { cropVisibleTab, screenshot } from './screenshot';
import type { Rect, Viewport } from '../picker/types';
import { decodeDataUrl } from '../base64';
import { t } from '../i18n';

/** The tallest page Glimpse stitches, in CSS px; below it the capture stops, and says so. */
export const MAX_PAGE_HEIGHT = 12_000;
/** Chrome allows two screenshots a second: pieces are taken no faster. */
const PIECE_GAP_MS = 550;
/** Marks the page's fixed and sticky elements while stitching, so that they show in the first piece only. */
const HIDE_ATTR = 'data-glimpse-stitch-hide';

interface PageState {
  scrollX: number;
  scrollY: number;
  width: number;
  height: number;
  /** The document's own width, which may run past the window's. */
  docWidth: number;
  viewHeight: number;
  /** Chrome's PDF viewer: the document scrolls inside the viewer, out of a script's reach. */
  pdf: boolean;
}

/** Runs in the page: where it is scrolled, how tall it is, and marks what stays put while it scrolls. */
function measure(attr: string): PageState {
  for (const el of document.querySelectorAll<HTMLElement>('body *')) {
    const pos = getComputedStyle(el).position;
    if (pos === 'fixed' || pos === 'sticky') el.setAttribute(attr, '');
  }
  const doc = document.documentElement;
  const docWidth = Math.max(doc.scrollWidth, document.body?.scrollWidth ?? 0);
  return { scrollX, scrollY, width: innerWidth, height: Math.max(doc.scrollHeight, document.body?.scrollHeight ?? 0), docWidth, viewHeight: innerHeight, pdf: document.contentType === 'application/pdf' };
}

/**
 * Runs in the page: scrolls down to `y` (hiding the marked elements after the first piece), leaving the
 * user's sideways scroll as it is; resolves where it landed, once painted.
 */
function scrollForPiece(y: number, hide: boolean, attr: string): Promise<number> {
  let style = document.getElementById('glimpse-stitch-style');
  if (hide && !style) {
    style = document.createElement('style');
    style.id = 'glimpse-stitch-style';
    style.textContent = `[${attr}] { visibility: hidden !important; }`;
    document.documentElement.append(style);
  }
  window.scrollTo({ top: y, behavior: 'instant' });
  return new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(scrollY))));
}

/** Runs in the page: puts everything back as the user had it. */
function restore(x: number, y: number, attr: string): void {
  document.getElementById('glimpse-stitch-style')?.remove();
  for (const el of document.querySelectorAll(`[${attr}]`)) el.removeAttribute(attr);
  window.scrollTo({ left: x, top: y, behavior: 'instant' });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Part of the document in CSS px: `top` to `bottom` from the page's top, `left` to `right` from the window's left edge. */
interface Band {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/**
 * `band` of the page (the whole page when absent), stitched from screenshots taken while scrolling the
 * tab, at most MAX_PAGE_HEIGHT tall: fixed and sticky elements (headers, cookie bars) show only in a
 * first piece at the page's top, and are hidden everywhere else, so they never repeat; the user's scroll position is restored. Where no script may run
 * (the browser's own pages, other extensions, view-source:, a PDF the viewer scrolls inside itself), the
 * error says what still works: the visible tab.
 */
async function stitch(tab: { id?: number; windowId?: number } | undefined, from?: (page: PageState) => Band): Promise<{ canvas: OffscreenCanvas; note?: string }> {
  if (tab?.id === undefined) throw new CaptureError('unsupported', t('fullPageNoScript'));
  const target = { tabId: tab.id };
  const run = async <A extends unknown[], R>(func: (...args: A) => R, args: A) => {
    const [res] = await browser.scripting.executeScript({ target, func, args } as never).catch(() => {
      throw new CaptureError('unsupported', t('fullPageNoScript'));
    });
    return (res as { result?: Awaited<R> } | undefined)?.result as Awaited<R>;
  };
  const page = await run(measure, [HIDE_ATTR]);
  if (!page?.viewHeight) throw new CaptureError('unsupported', t('fullPageNoScript'));
  if (page.pdf) throw new CaptureError('unsupported', t('fullPagePdf'));
  const band = from?.(page) ?? { top: 0, bottom: page.height, left: -page.scrollX, right: page.docWidth - page.scrollX };
  const left = Math.max(0, band.left);
  const right = Math.min(page.width, band.right);
  const bottom = Math.min(band.bottom, page.height, band.top + MAX_PAGE_HEIGHT);
  // From the page's top when the band starts on its first screen: fixed and sticky elements are where they belong there.
  let y = band.top < page.viewHeight ? 0 : band.top;
  let canvas: OffscreenCanvas | undefined;
  try {
    for (let n = 0, last = 0; ; n++) {
      // Fixed and sticky elements show only where they belong, at the very top: hidden everywhere else.
      const at = await run(scrollForPiece, [y, n > 0 || y > 0, HIDE_ATTR]);
      await sleep(Math.max(0, last + PIECE_GAP_MS - Date.now()));
      last = Date.now();
      const bitmap = await createImageBitmap(new Blob([decodeDataUrl(await screenshot(tab.windowId)).bytes as BlobPart], { type: 'image/png' }));
      try {
        const k = bitmap.width / page.width;
        canvas ??= new OffscreenCanvas(Math.max(1, Math.round((right - left) * k)), Math.max(1, Math.round((bottom - band.top) * k)));
        // The part of the band this piece shows; the last piece may stop short of `y` (the page ends).
        const top = Math.max(band.top, at);
        const end = Math.min(bottom, at + page.viewHeight);
        if (end > top) {
          canvas.getContext('2d')?.drawImage(bitmap, left * k, (top - at) * k, (right - left) * k, (end - top) * k, 0, (top - band.top) * k, (right - left) * k, (end - top) * k);
        }
      } finally {
        bitmap.close();
      }
      if (at + page.viewHeight >= bottom || (n > 0 && at < y)) break;
      y = at + page.viewHeight;
    }
  } finally {
    await run(restore, [page.scrollX, page.scrollY, HIDE_ATTR]).catch(() => undefined);
  }
  if (!canvas) throw new CaptureError('unsupported', t('fullPageNoScript'));
  const full = Math.min(band.bottom, page.height) - band.top;
  // Wider than the window: sideways pieces would not help where it scrolls inside its own box (wide tables,
  // code), as it mostly does; zooming out does, so the note says that.
  const notes = [
    full > MAX_PAGE_HEIGHT ? t('noteFullPageCapped', MAX_PAGE_HEIGHT, Math.round(full)) : '',
    right - left < band.right - band.left - 1 ? t('noteCutToWidth', Math.round(right - left), Math.round(band.right - band.left)) : '',
  ].filter(Boolean);
  return { canvas, ...(notes.length ? { note: notes.join(' ') } : {}) };
}

const png = async (canvas: OffscreenCanvas) => new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());

/** The whole page, stitched (see `stitch`); a page past MAX_PAGE_HEIGHT stops there, and says so. */
export async function captureFullPage(tab: { id?: number; windowId?: number } | undefined): Promise<RawImage> {
  const { canvas, note } = await stitch(tab);
  return { bytes: await png(canvas), mime: 'image/png', method: 'full-page', ...(note ? { note } : {}) };
}

/**
 * A screenshot crop of `rect` (CSS px in the viewport, as the picker saw it); an element or region
 * that runs past the top or bottom of the screen is stitched whole instead of cut at the edge.
 */
export async function cropOrStitch(tab: Browser.tabs.Tab, rect: Rect, viewport: Viewport, method: RawImage['method']): Promise<RawImage> {
  const beyond = rect.y < -1 || rect.y + rect.height > viewport.height + 1;
  if (!beyond || tab.id === undefined) return cropVisibleTab(tab, rect, viewport, method);
  const { canvas, note } = await stitch(tab, (page) => ({ top: page.scrollY + rect.y, bottom: page.scrollY + rect.y + rect.height, left: rect.x, right: rect.x + rect.width }));
  return { bytes: await png(canvas), mime: 'image/png', method, ...(note ? { note } : {}) };
}
