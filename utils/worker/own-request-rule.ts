import { browser, type Browser } from 'wxt/browser';

/** The host part of this extension's own origin (the id on Chrome, the internal UUID on Firefox). */
export const extensionHost = (): string => globalThis.location?.hostname || browser.runtime.id;

/**
 * A declarativeNetRequest session rule that sets one request header, and only on requests this
 * extension starts outside any tab (the worker, tabId -1) to one host: never a page's own requests.
 */
export function ownRequestHeaderRule(r: { id: number; header: string; value: string; urlFilter: string; hostname: string; extensionHost: string }): Browser.declarativeNetRequest.Rule {
  return {
    id: r.id,
    priority: 1,
    action: {
      type: 'modifyHeaders' as Browser.declarativeNetRequest.Rule['action']['type'],
      requestHeaders: [{ header: r.header, operation: 'set' as Browser.declarativeNetRequest.ModifyHeaderInfo['operation'], value: r.value }],
    },
    condition: {
      urlFilter: r.urlFilter,
      requestDomains: [r.hostname.replace(/^\[|\]$/g, '')],
      initiatorDomains: [r.extensionHost],
      tabIds: [-1],
      resourceTypes: ['xmlhttprequest' as Browser.declarativeNetRequest.ResourceType],
    },
  };
}
