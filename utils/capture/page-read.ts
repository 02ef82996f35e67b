import { browser } from 'wxt/browser';
import { decodeDataUrl } from '../base64';
import { readImageHeader } from '../image/header';
import type { PageApi } from '../picker/types';
import type { RawImage } from './fetch-image';

const PICKER_FILE = '/content-scripts/picker.js';

/**
 * Runs one `globalThis.__glimpse` call (entrypoints/picker.content.ts) in a frame of a tab, injecting
 * the script first (activeTab + scripting). Frame 0 is the top document.
 */
export async function callPage<K extends keyof PageApi>(
  tabId: number,
  frameId: number,
  name: K,
  ...args: Parameters<PageApi[K]>
): Promise<Awaited<ReturnType<PageApi[K]>> | undefined> {
  const target = { tabId, frameIds: [frameId] };
  await browser.scripting.executeScript({ target, files: [PICKER_FILE] });
  const [res] = await browser.scripting.executeScript({
    target,
    func: (n: string, a: unknown[]) => (globalThis as unknown as { __glimpse: Record<string, (...x: unknown[]) => unknown> }).__glimpse[n]!(...a),
    args: [name, args],
  });
  return (res?.result ?? undefined) as Awaited<ReturnType<PageApi[K]>> | undefined;
}

/** Pixels read in the page, as a RawImage. */
export function pageRead(dataUrl: string): RawImage {
  const { bytes, mime } = decodeDataUrl(dataUrl);
  return { bytes, mime, method: 'page-read' };
}

/** SVG has no pixels of its own, and the worker cannot render it: it must be drawn where it is shown. */
export const isSvg = (raw: Pick<RawImage, 'bytes' | 'mime'>): boolean => {
  const mime = readImageHeader(raw.bytes)?.mime;
  return mime === 'image/svg+xml' || (!mime && raw.mime === 'image/svg+xml');
};
