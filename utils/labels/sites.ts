import { browser, type Browser } from 'wxt/browser';
import { labelSitesItem } from '../settings/labels';
import { labelTab } from './run';

const PREFIX = 'glimpse-labels-';
const idFor = (origin: string) => `${PREFIX}${origin.replace(/[^a-z0-9]/gi, '_')}`;
/** Match patterns take no port: the pattern covers the host, and the script asks whether its exact origin is on. */
const patternFor = (origin: string) => {
  const u = new URL(origin);
  return `${u.protocol}//${u.hostname}/*`;
};
const originOf = (url: string | undefined) => {
  try {
    return url ? new URL(url).origin : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Registers the labels script (entrypoints/labels.content.ts) for exactly the sites the user turned on and
 * still allows, and removes it for every other; called when the list or access changes and at start.
 */
export async function syncLabelScripts(): Promise<string[]> {
  const sites = await labelSitesItem.getValue();
  const allowed = (await Promise.all(sites.map(async (s) => ((await browser.permissions.contains({ origins: [patternFor(s)] }).catch(() => false)) ? s : undefined)))).filter(
    (s): s is string => !!s,
  );
  const want = new Map(allowed.map((s) => [idFor(s), s]));
  const have = (await browser.scripting.getRegisteredContentScripts()).map((r) => r.id).filter((id) => id.startsWith(PREFIX));
  const drop = have.filter((id) => !want.has(id));
  if (drop.length) await browser.scripting.unregisterContentScripts({ ids: drop });
  const add = [...want].filter(([id]) => !have.includes(id));
  if (add.length) {
    await browser.scripting.registerContentScripts(
      add.map(([id, s]) => ({ id, js: ['content-scripts/labels.js'], matches: [patternFor(s)], runAt: 'document_idle' as const, persistAcrossSessions: true })),
    );
  }
  return allowed;
}

/** Turns "Always label on this site" on or off (host access was asked for in the click). On: labels the open tab now. */
export async function setLabelSite(origin: string, on: boolean, tabId?: number): Promise<boolean> {
  const sites = await labelSitesItem.getValue();
  await labelSitesItem.setValue(on ? [...new Set([...sites, origin])] : sites.filter((s) => s !== origin));
  const allowed = await syncLabelScripts();
  if (on && allowed.includes(origin) && tabId !== undefined) void labelTab(await browser.tabs.get(tabId), { auto: true }).catch(() => undefined);
  return allowed.includes(origin);
}

/** The labels script on load or when images arrive: labels its tab when its site is on. */
export async function onLabelAuto(sender: Browser.runtime.MessageSender): Promise<boolean> {
  const tab = sender.tab;
  const origin = originOf(sender.url ?? tab?.url);
  if (!tab || !origin || sender.frameId) return false;
  const on = (await labelSitesItem.getValue()).includes(origin) && (await browser.permissions.contains({ origins: [patternFor(origin)] }).catch(() => false));
  if (on) void labelTab(tab, { auto: true }).catch(() => undefined);
  return on;
}
