import { browser } from 'wxt/browser';
import { decodeDataUrl } from '../base64';
import { readImageHeader } from '../image/header';
import type { PageApi } from '../picker/types';
import type { RawImage } from './fetch-image';

const PICKER_FILE = '/content-scripts/picker.js';

/** Retries of a refused injection, and the wait before each: about a quarter of a second in all. */
const ACCESS_RETRIES_MS = [10, 40, 200];

/**
 * Injects the picker script. Right after a toolbar click, the first injection was sometimes refused
 * ("Cannot access contents of the page") although the same call a few ms later went through, with no
 * navigation between: the activeTab grant was not yet in effect, and the click did nothing. So a refusal
 * is tried again briefly; where Glimpse really has no access, it still fails, a quarter second later.
 */
async function injectPicker(target: { tabId: number; frameIds: number[] }): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      await browser.scripting.executeScript({ target, files: [PICKER_FILE] });
      return;
    } catch (err) {
      const wait = ACCESS_RETRIES_MS[i];
      if (wait === undefined || !/Cannot access/i.test(err instanceof Error ? err.message : String(err))) throw err;
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

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
  await injectPicker(target);
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
