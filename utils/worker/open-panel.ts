import { browser, type Browser } from 'wxt/browser';

/**
 * Per window, whether the latest openPanel call brings the panel up (it was closed and Chrome agreed):
 * the tab then shrinks once the panel shows, a few hundred ms later (after the panel's page loads,
 * well after open() resolves). A picker that measured the page before that would crop the wrong pixels.
 */
const appearing = new Map<number, Promise<boolean>>();

/** Whether the panel is on its way into `windowId` from the click being handled (see openPanel). */
export function panelAppearing(windowId: number | undefined): Promise<boolean> {
  return (windowId !== undefined && appearing.get(windowId)) || Promise.resolve(false);
}

/**
 * Opens the side panel. Must run before any `await` in a user-gesture handler, or Chrome
 * refuses. A refusal only means the panel stays closed: the job still runs.
 */
export function openPanel(tab: Browser.tabs.Tab | undefined): Promise<boolean> {
  try {
    const b = browser as unknown as {
      sidePanel?: { open(o: { tabId?: number; windowId?: number }): Promise<void> };
      sidebarAction?: { open(): Promise<void> };
      runtime: { getContexts?(f: { contextTypes: string[]; windowIds?: number[] }): Promise<unknown[]> };
    };
    const windowId = tab?.windowId;
    // Asked before open() and not awaited, so the gesture still holds; calls are answered in order, so this
    // says whether a panel was there before this click. Chrome gives panel contexts no window id (-1), so a
    // panel open in another window counts too: then the picker does not wait, as before.
    const wasOpen =
      b.sidePanel && b.runtime.getContexts
        ? b.runtime.getContexts({ contextTypes: ['SIDE_PANEL'] }).then((c) => c.length > 0, () => true)
        : Promise.resolve(true);
    const p = b.sidePanel
      ? b.sidePanel.open(tab?.id !== undefined ? { tabId: tab.id } : { windowId: windowId ?? -2 })
      : b.sidebarAction?.open();
    const opened = Promise.resolve(p).then(() => true, () => false);
    if (windowId !== undefined) appearing.set(windowId, Promise.all([wasOpen, opened]).then(([was, ok]) => ok && !was));
    return opened;
  } catch {
    return Promise.resolve(false);
  }
}
