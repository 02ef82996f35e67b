import { browser } from 'wxt/browser';
import { MENU_ITEMS } from './menus';

let created: string[] = [];

function t(key: string, fallback: string): string {
  return (browser.i18n.getMessage as (name: string) => string)(key) || fallback;
}

/** Recreates every context-menu item; safe to run at each worker start. */
export async function registerMenus(): Promise<string[]> {
  await browser.contextMenus.removeAll();
  created = [];
  for (const item of MENU_ITEMS) {
    await new Promise<void>((resolve) => {
      browser.contextMenus.create({ id: item.id, title: t(item.titleKey, item.id), contexts: item.contexts }, () => {
        // Reading lastError marks it handled; a duplicate id is the only expected error.
        void browser.runtime.lastError;
        resolve();
      });
    });
    created.push(item.id);
  }
  return created;
}

export const menuIds = (): string[] => [...created];
