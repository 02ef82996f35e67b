import { browser } from 'wxt/browser';

/**
 * Whether a message comes from one of Glimpse's own pages (side panel, options), whether shown as a panel or
 * as a tab. A content script's messages carry the page's URL, so a page that takes one over is refused;
 * `sender.tab` says nothing, since the panel can be a tab too.
 */
export function fromOwnPage(sender: { id?: string; url?: string } | undefined): boolean {
  return !!sender?.url && sender.id === browser.runtime.id && sender.url.startsWith(browser.runtime.getURL('/'));
}
