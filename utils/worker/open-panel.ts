import { browser, type Browser } from 'wxt/browser';

/**
 * Opens the side panel. Must run before any `await` in a user-gesture handler, or Chrome
 * refuses. A refusal only means the panel stays closed: the job still runs.
 */
export function openPanel(tab: Browser.tabs.Tab | undefined): Promise<boolean> {
  try {
    const b = browser as unknown as {
      sidePanel?: { open(o: { tabId?: number; windowId?: number }): Promise<void> };
      sidebarAction?: { open(): Promise<void> };
    };
    const p = b.sidePanel
      ? b.sidePanel.open(tab?.id !== undefined ? { tabId: tab.id } : { windowId: tab?.windowId ?? -2 })
      : b.sidebarAction?.open();
    return Promise.resolve(p).then(() => true, () => false);
  } catch {
    return Promise.resolve(false);
  }
}
