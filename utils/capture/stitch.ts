import { browser } from 'wxt/browser';
import { CaptureError, type RawImage } from './fetch-image';
import { screenshot } from './screenshot';
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
  viewHeight: number;
}

/** Runs in the page: where it is scrolled, how tall it is, and marks what stays put while it scrolls. */
function measure(attr: string): PageState {
  for (const el of document.querySelectorAll<HTMLElement>('body *')) {
    const pos = getComputedStyle(el).position;
    if (pos === 'fixed' || pos === 'sticky') el.setAttribute(attr, '');
  }
  const doc = document.documentElement;
  return { scrollX, scrollY, width: innerWidth, height: Math.max(doc.scrollHeight, document.body?.scrollHeight ?? 0), viewHeight: innerHeight };
}

/** Runs in the page: scrolls to `y` (hiding the marked elements after the first piece); resolves where it landed, once painted. */
function scrollForPiece(y: number, hide: boolean, attr: string): Promise<number> {
  let style = document.getElementById('glimpse-stitch-style');
  if (hide && !style) {
    style = document.createElement('style');
    style.id = 'glimpse-stitch-style';
    style.textContent = `[${attr}] { visibility: hidden !important; }`;
    document.documentElement.append(style);
  }
  window.scrollTo({ left: 0, top: y, behavior: 'instant' });
  return new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(scrollY))));
}

/** Runs in the page: puts everything back as the user had it. */
function restore(x: number, y: number, attr: string): void {
  document.getElementById('glimpse-stitch-style')?.remove();
  for (const el of document.querySelectorAll(`[${attr}]`)) el.removeAttribute(attr);
  window.scrollTo({ left: x, top: y, behavior: 'instant' });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The whole page (up to MAX_PAGE_HEIGHT), stitched from screenshots taken while scrolling the tab:
 * fixed and sticky elements (headers, cookie bars) show once, in the first piece; the user's scroll
 * position is restored. Where no script may run (the browser's own pages, other extensions,
 * view-source:, a PDF the viewer scrolls inside itself), the error says what still works: the visible tab.
 */
export async function captureFullPage(tab: { id?: number; windowId?: number } | undefined): Promise<RawImage> {
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
  const total = Math.min(page.height, MAX_PAGE_HEIGHT);
  let canvas: OffscreenCanvas | undefined;
  let scale = 1;
  try {
    let last = 0;
    for (let y = 0, n = 0; y < total; y += page.viewHeight, n++) {
      const at = await run(scrollForPiece, [y, n > 0, HIDE_ATTR]);
      await sleep(Math.max(0, last + PIECE_GAP_MS - Date.now()));
      last = Date.now();
      const bitmap = await createImageBitmap(new Blob([decodeDataUrl(await screenshot(tab.windowId)).bytes as BlobPart], { type: 'image/png' }));
      try {
        if (!canvas) {
          scale = bitmap.width / page.width;
          canvas = new OffscreenCanvas(bitmap.width, Math.round(total * scale));
        }
        // The last piece may stop short of `y` (the page ends): it is drawn where it really is.
        canvas.getContext('2d')?.drawImage(bitmap, 0, Math.round(at * scale));
      } finally {
        bitmap.close();
      }
      if (at + page.viewHeight >= total) break;
    }
  } finally {
    await run(restore, [page.scrollX, page.scrollY, HIDE_ATTR]).catch(() => undefined);
  }
  if (!canvas) throw new CaptureError('unsupported', t('fullPageNoScript'));
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  const note = page.height > MAX_PAGE_HEIGHT ? t('noteFullPageCapped', MAX_PAGE_HEIGHT, page.height) : undefined;
  return { bytes: new Uint8Array(await blob.arrayBuffer()), mime: 'image/png', method: 'full-page', ...(note ? { note } : {}) };
}
