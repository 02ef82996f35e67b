import { browser, type Browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { markInterrupted } from '../utils/jobs/answer';
import { markAuditsInterrupted } from '../utils/audit/run';
import { pruneUnasked } from '../utils/store/history';
import { pickInTab } from '../utils/capture/pick';
import { registerMessageHandlers } from '../utils/worker/handlers';
import { runMenuItem } from '../utils/worker/menu-actions';
import { menuIds, registerMenus } from '../utils/worker/menu-registry';
import { openPanel } from '../utils/worker/open-panel';
import { presetsItem } from '../utils/settings/preset-store';
import { syncPointerScript } from '../utils/worker/pointer-memory';
import { skipPickerItem } from '../utils/settings/items';
import { labelTab } from '../utils/labels/run';
import { syncLabelScripts } from '../utils/labels/sites';

function onMenuClick(info: Browser.contextMenus.OnClickData, tab?: Browser.tabs.Tab) {
  void openPanel(tab); // before any await: needs the user gesture
  return runMenuItem(info, tab);
}

function onCommand(name: string, tab?: Browser.tabs.Tab) {
  void openPanel(tab);
  if (name === 'label-page') return labelTab(tab).then(() => undefined);
  return name === 'capture-region' ? pickInTab(tab, 'region', 'describe') : Promise.resolve(undefined);
}

export default defineBackground(() => {
  void registerMenus();
  presetsItem.watch(() => void registerMenus());
  browser.contextMenus.onClicked.addListener((info, tab) => void onMenuClick(info, tab));
  browser.commands?.onCommand.addListener((name, tab) => void onCommand(name, tab));
  (browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction).onClicked.addListener(
    (tab) => void onCommand('capture-region', tab),
  );
  registerMessageHandlers();
  // The right-click recorder runs only while the user wants it and all-sites access is granted. Its
  // registration persists, so it is checked when something changes, not each time the worker wakes.
  const syncPointer = () => {
    void syncPointerScript().catch(() => undefined);
    void syncLabelScripts().catch(() => undefined);
  };
  skipPickerItem.watch(syncPointer);
  browser.permissions.onRemoved.addListener(syncPointer);
  browser.permissions.onAdded.addListener(syncPointer);
  browser.runtime.onStartup.addListener(syncPointer);
  browser.runtime.onInstalled.addListener(syncPointer);
  void markInterrupted();
  void markAuditsInterrupted();
  // Reads every conversation: once per browser start or update, not at each of the worker's many wake-ups.
  const prune = () => void pruneUnasked().catch(() => undefined);
  browser.runtime.onStartup.addListener(prune);
  browser.runtime.onInstalled.addListener(prune);

  if (import.meta.env.GLIMPSE_E2E) {
    (globalThis as Record<string, unknown>).__e2e = {
      menuClick: onMenuClick,
      command: onCommand,
      menuIds,
    };
  }
});
