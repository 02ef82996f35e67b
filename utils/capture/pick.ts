import { browser, type Browser } from 'wxt/browser';
import { decodeDataUrl } from '../base64';
import { captureAndAnswer } from '../jobs/capture-flow';
import type { PickMode, PickResult } from '../picker/types';
import { CaptureError, fetchImage, type RawImage } from './fetch-image';
import { cropVisibleTab } from './screenshot';

const PICKER_FILE = '/content-scripts/picker.js';

async function runPicker(tabId: number, mode: PickMode, frameId?: number): Promise<PickResult | null> {
  const target = { tabId, ...(frameId ? { frameIds: [frameId] } : {}) };
  await browser.scripting.executeScript({ target, files: [PICKER_FILE] });
  const [res] = await browser.scripting.executeScript({
    target,
    func: (m: PickMode) => (globalThis as unknown as { __glimpsePick(m: PickMode): Promise<PickResult | null> }).__glimpsePick(m),
    args: [mode],
  });
  return (res?.result as PickResult | null | undefined) ?? null;
}

/** Bytes for a pick, best source first: read in the page, the original file, then a screenshot crop. */
async function bytesFor(pick: PickResult, windowId?: number): Promise<RawImage> {
  if (pick.dataUrl) {
    const { bytes, mime } = decodeDataUrl(pick.dataUrl);
    return { bytes, mime, method: 'page-read' };
  }
  if (pick.src && /^(https?|data):/.test(pick.src)) {
    try {
      return await fetchImage(pick.src);
    } catch (err) {
      if (!(err instanceof CaptureError)) throw err;
    }
  }
  return cropVisibleTab(windowId, pick.rect, pick.viewport, pick.kind === 'region' ? 'region' : 'screenshot-crop');
}

/** Lets the user point at an image or drag a region, then answers about it. Undefined when cancelled. */
export async function pickInTab(
  tab: Browser.tabs.Tab | undefined,
  mode: PickMode,
  presetId: string,
  frameId?: number,
): Promise<string | undefined> {
  const source = { pageUrl: tab?.url, pageTitle: tab?.title };
  let pick: PickResult | null;
  try {
    if (tab?.id === undefined) throw new Error('no tab');
    pick = await runPicker(tab.id, mode, frameId);
  } catch {
    return captureAndAnswer(presetId, {
      source,
      obtain: () => {
        throw new CaptureError('no-access', 'Glimpse cannot capture on this page: browser pages, the extension store and some PDFs are off limits to extensions. Open the image in a normal tab and try again.');
      },
    });
  }
  if (!pick) return undefined;
  const chosen = pick;
  return captureAndAnswer(presetId, {
    source: { ...source, srcUrl: chosen.src, element: chosen.element ?? (chosen.kind === 'region' ? `region ${Math.round(chosen.rect.width)}×${Math.round(chosen.rect.height)} px` : undefined) },
    obtain: () => bytesFor(chosen, tab?.windowId),
  });
}
