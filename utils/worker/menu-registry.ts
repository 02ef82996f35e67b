import { browser } from 'wxt/browser';
import { menuItemsFor } from './menus';
import { getPresets } from '../settings/preset-store';

let created: string[] = [];
let queue: Promise<string[]> = Promise.resolve([]);

function t(key: string, fallback: string): string {
  return (key && (browser.i18n.getMessage as (name: string) => string)(key)) || fallback;
}

async function rebuild(): Promise<string[]> {
  const items = menuItemsFor(await getPresets());
  await browser.contextMenus.removeAll();
  created = [];
  for (const item of items) {
    await new Promise<void>((resolve) => {
      browser.contextMenus.create({ id: item.id, title: t(item.titleKey, item.title ?? item.id), contexts: item.contexts }, () => {
        // Reading lastError marks it handled; a duplicate id is the only expected error.
        void browser.runtime.lastError;
        resolve();
      });
    });
    created.push(item.id);
  }
  return created;
}

/** Recreates every context-menu item from the preset list; runs at each worker start and on edits, one at a time. */
export function registerMenus(): Promise<string[]> {
  queue = queue.then(rebuild, rebuild);
  return queue;
}

export const menuIds = async (): Promise<string[]> => {
  await queue;
  return [...created];
};
