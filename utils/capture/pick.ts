import { browser, type Browser } from 'wxt/browser';
import { captureAndAnswer } from '../jobs/capture-flow';
import type { FramePlace, PickerText, PickMode, PickResult } from '../picker/types';
import { CaptureError, type RawImage } from './fetch-image';
import { callPage, isSvg, pageRead } from './page-read';
import { cropOrStitch } from './stitch';
import { fetchOriginal, offerAccess } from './referer';
import { inPage } from '../audit/run';
import { t } from '../i18n';
import { panelAppearing } from '../worker/open-panel';
import type { AltContext } from '../alt-text/prompt';

/**
 * Bytes for a pick, best source first: pixels read in the page, the original file, the picked
 * element drawn in the page (an SVG, or a file the worker may not download), then a screenshot crop.
 */
async function bytesFor(pick: PickResult, tab: Browser.tabs.Tab, frameId = 0): Promise<RawImage> {
  const crop = () => cropOrStitch(tab, pick.rect, pick.viewport, pick.kind === 'region' ? 'region' : 'screenshot-crop');
  const readPicked = async (vector: boolean) => {
    const dataUrl = tab.id === undefined ? undefined : await callPage(tab.id, frameId, 'readPicked', vector).catch(() => undefined);
    return dataUrl ? pageRead(dataUrl) : undefined;
  };
  if (pick.dataUrl) {
    const raw = pageRead(pick.dataUrl);
    if (!isSvg(raw)) return raw;
    const drawn = await readPicked(true);
    if (drawn) return drawn;
  } else if (pick.src && /^(https?|data):/.test(pick.src)) {
    try {
      const raw = await fetchOriginal(pick.src, tab.url);
      if (!isSvg(raw)) return raw;
      const drawn = await readPicked(true);
      if (drawn) return drawn;
    } catch (err) {
      if (!(err instanceof CaptureError)) throw err;
      // The site refused the worker (no permission, no CORS, hotlink protection): the page may still read it.
      const drawn = await readPicked(false);
      if (drawn) return drawn;
      return offerAccess(await crop(), pick.src);
    }
  }
  return crop();
}

/** The page script has no i18n: its words come from here, `{1}`… filled in the page. */
const pickerText = (): PickerText => ({
  region: t('pickerHintRegion'),
  element: t('pickerHintElement'),
  noImages: t('pickerNoImages'),
  imageOf: t('pickerImageOf', '{1}', '{2}', '{3}'),
  selection: t('pickerSelection', '{1}', '{2}', '{3}', '{4}'),
  videoFrame: t('pickerVideoFrame', '{1}'),
  background: t('pickerBackground', '{1}'),
});

/**
 * Lets the user point at an image or drag a region, then answers about it. Undefined when cancelled.
 * The picker runs in the top frame: it sees into same-origin frames, and its rectangles are in the
 * coordinates of the screenshot.
 */
export async function pickInTab(tab: Browser.tabs.Tab | undefined, mode: PickMode, presetId: string): Promise<string | undefined> {
  const source = { pageUrl: tab?.url, pageTitle: tab?.title };
  let pick: PickResult | null | undefined;
  try {
    if (tab?.id === undefined) throw new Error('no tab');
    pick = await callPage(tab.id, 0, 'pick', mode, pickerText(), await panelAppearing(tab.windowId));
  } catch {
    return captureAndAnswer(presetId, {
      source,
      obtain: () => {
        throw new CaptureError('no-access', t('captureOffLimits'));
      },
    });
  }
  if (!pick) return undefined;
  return answerPick(pick, tab!, 0, presetId);
}

/** A right-click's pointer position is kept (skipPickerItem): answer about the image under it, if any. */
export const RIGHT_CLICK_MAX_AGE_MS = 30_000;
export async function answerAtPointer(tab: Browser.tabs.Tab | undefined, frameId: number, presetId: string): Promise<string | undefined> {
  if (tab?.id === undefined) return undefined;
  const tabId = tab.id;
  const at = (place?: FramePlace) => callPage(tabId, frameId, 'atPointer', RIGHT_CLICK_MAX_AGE_MS, pickerText(), place).catch(() => undefined);
  let pick = await at();
  // In a cross-origin frame: the top document knows where that frame is (one level deep).
  if (pick && 'unplaced' in pick) {
    const place = await callPage(tabId, 0, 'framePlace', pick.unplaced).catch(() => undefined);
    pick = place ? await at(place) : undefined;
  }
  return pick && !('unplaced' in pick) ? answerPick(pick, tab, frameId, presetId) : undefined;
}

/**
 * A pick on a cross-origin frame: with access to the frame's site, the image at that point inside it
 * (and that frame's id, for reads there); else undefined, and the frame is cropped whole.
 */
async function lookInside(tabId: number, pick: PickResult): Promise<{ pick: PickResult; frameId: number } | undefined> {
  const f = pick.frame;
  if (!f || !/^https?:/.test(f.src)) return undefined;
  if (!(await browser.permissions.contains({ origins: [`${new URL(f.src).origin}/*`] }))) return undefined;
  const frames = await browser.scripting.executeScript({ target: { tabId, allFrames: true }, func: () => location.href });
  // Frame ids are not visible from the page; its URL names it, when only one frame has it.
  const same = frames.filter((r) => r.frameId !== 0 && r.result === f.src);
  if (same.length !== 1) return undefined;
  const frameId = same[0]!.frameId;
  const inner = await callPage(tabId, frameId, 'imageAt', f.x, f.y, { x: pick.rect.x, y: pick.rect.y }, pick.viewport, pickerText());
  return inner ? { pick: inner, frameId } : undefined;
}

async function answerPick(picked: PickResult, tab: Browser.tabs.Tab, pickedIn: number, presetId: string): Promise<string> {
  const inside = tab.id === undefined ? undefined : await lookInside(tab.id, picked).catch(() => undefined);
  const chosen = inside?.pick ?? picked;
  const frameId = inside?.frameId ?? pickedIn;
  const source = { pageUrl: tab.url, pageTitle: tab.title };
  const element = chosen.element ?? (chosen.kind === 'region' ? t('elementRegion', Math.round(chosen.rect.width), Math.round(chosen.rect.height)) : undefined);
  return captureAndAnswer(presetId, {
    source: { ...source, srcUrl: chosen.src, element },
    obtain: () => bytesFor(chosen, tab, frameId),
    // A picked image's context: the page's language at least, and more when it is an <img>.
    context: async () =>
      (chosen.src ? await inPage<AltContext | null>(tab.id!, '__glimpseContext', chosen.src).catch(() => null) : null) ??
      { pageLang: await inPage<string>(tab.id!, '__glimpsePageLang').catch(() => '') },
  });
}
