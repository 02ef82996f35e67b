import { browser, type Browser } from 'wxt/browser';
import { CaptureError, fetchImage, type RawImage } from './fetch-image';
import { extensionHost, ownRequestHeaderRule } from '../worker/own-request-rule';

/*
 * Hotlink protection (pixiv, some CDNs) answers 403 to a download without the page's Referer, and a
 * fetch cannot set a cross-origin Referer itself. With host access for the image, one session rule
 * sets it, for that one URL and only on this extension's own background requests, for one retry.
 */

const FIRST_RULE_ID = 9200;
const RULES = 100;
let next = 0;

/** The Referer a browser sends by default to another site (strict-origin-when-cross-origin): the page's origin only. */
export const refererFor = (pageUrl: string): string | undefined => {
  try {
    const u = new URL(pageUrl);
    return /^https?:$/.test(u.protocol) ? `${u.origin}/` : undefined;
  } catch {
    return undefined;
  }
};

/** The rule itself, pure so it can be checked without a browser. `|…|` anchors both ends: this exact URL, nothing longer. */
export const refererRule = (srcUrl: string, referer: string, extensionHost: string, id: number): Browser.declarativeNetRequest.Rule =>
  ownRequestHeaderRule({ id, header: 'referer', value: referer, urlFilter: `|${srcUrl}|`, hostname: new URL(srcUrl).hostname, extensionHost });

/** Whether Glimpse may download from the site of `url` (a host permission for it, or for all sites). */
async function hasSiteAccess(url: string): Promise<boolean> {
  try {
    return await browser.permissions.contains({ origins: [`${new URL(url).origin}/*`] });
  } catch {
    return false;
  }
}

/**
 * A screenshot crop taken because the download of `url` was refused: marked when Glimpse lacks
 * access to that site, since access would give the file itself (the panel then offers it).
 */
export async function offerAccess(crop: RawImage, url: string | undefined): Promise<RawImage> {
  if (crop.method !== 'screenshot-crop' || !url || !/^https?:/i.test(url) || (await hasSiteAccess(url))) return crop;
  return { ...crop, lacksAccess: true };
}

/** The original file again, asked for as the page would; undefined without host access or a usable page URL. */
async function fetchWithReferer(srcUrl: string, pageUrl: string | undefined): Promise<RawImage | undefined> {
  const referer = pageUrl && refererFor(pageUrl);
  if (!referer || !/^https?:/i.test(srcUrl)) return undefined;
  if (!(await hasSiteAccess(srcUrl))) return undefined;
  const id = FIRST_RULE_ID + (next++ % RULES);
  await browser.declarativeNetRequest.updateSessionRules({ removeRuleIds: [id], addRules: [refererRule(srcUrl, referer, extensionHost(), id)] });
  try {
    return await fetchImage(srcUrl, undefined, 'no-store');
  } finally {
    await browser.declarativeNetRequest.updateSessionRules({ removeRuleIds: [id] }).catch(() => undefined);
  }
}

/**
 * The original file, downloaded by the worker; when its host refuses with 401/403 (hotlink
 * protection), asked for once more as the page would. Throws the first refusal when that fails too.
 */
export async function fetchOriginal(srcUrl: string, pageUrl: string | undefined): Promise<RawImage> {
  try {
    return await fetchImage(srcUrl);
  } catch (err) {
    if (!(err instanceof CaptureError) || (err.status !== 401 && err.status !== 403)) throw err;
    const again = await fetchWithReferer(srcUrl, pageUrl).catch(() => undefined);
    if (again) return again;
    throw err;
  }
}
