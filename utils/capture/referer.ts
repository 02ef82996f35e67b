import { browser, type Browser } from 'wxt/browser';
import { fetchImage, type RawImage } from './fetch-image';

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

/** The rule itself, pure so it can be checked without a browser. */
export function refererRule(srcUrl: string, referer: string, extensionHost: string, id: number): Browser.declarativeNetRequest.Rule {
  const host = new URL(srcUrl).hostname.replace(/^\[|\]$/g, '');
  return {
    id,
    priority: 1,
    action: {
      type: 'modifyHeaders' as Browser.declarativeNetRequest.Rule['action']['type'],
      requestHeaders: [{ header: 'referer', operation: 'set' as Browser.declarativeNetRequest.ModifyHeaderInfo['operation'], value: referer }],
    },
    condition: {
      // `|…|` anchors both ends: this exact URL, nothing longer.
      urlFilter: `|${srcUrl}|`,
      requestDomains: [host],
      initiatorDomains: [extensionHost],
      tabIds: [-1],
      resourceTypes: ['xmlhttprequest' as Browser.declarativeNetRequest.ResourceType],
    },
  };
}

/** The original file again, asked for as the page would; undefined without host access or a usable page URL. */
export async function fetchWithReferer(srcUrl: string, pageUrl: string | undefined): Promise<RawImage | undefined> {
  const referer = pageUrl && refererFor(pageUrl);
  if (!referer || !/^https?:/i.test(srcUrl)) return undefined;
  const origin = `${new URL(srcUrl).origin}/*`;
  if (!(await browser.permissions.contains({ origins: [origin] }).catch(() => false))) return undefined;
  const id = FIRST_RULE_ID + (next++ % RULES);
  const extensionHost = globalThis.location?.hostname || browser.runtime.id;
  await browser.declarativeNetRequest.updateSessionRules({ removeRuleIds: [id], addRules: [refererRule(srcUrl, referer, extensionHost, id)] });
  try {
    return await fetchImage(srcUrl, undefined, 'no-store');
  } finally {
    await browser.declarativeNetRequest.updateSessionRules({ removeRuleIds: [id] }).catch(() => undefined);
  }
}
