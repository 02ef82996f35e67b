import { browser, type Browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { t } from '../i18n';
import { extensionHost, ownRequestHeaderRule } from './own-request-rule';

/*
 * The one-click fix for Ollama's 403: Ollama refuses `Origin: chrome-extension://…` but allows
 * `http://127.0.0.1:*` by default. A declarativeNetRequest session rule rewrites the Origin of
 * this extension's own background requests to that one Ollama host and port, and of nothing else:
 * not other ports, not other hosts, not requests from any tab (page-assist's rule hit every
 * request to the host and broke other sites).
 */

/** Session-rule ids reserved for this feature. */
const FIRST_RULE_ID = 9100;
const LAST_RULE_ID = 9199;

/** Base URLs (normalised to scheme://host:port) the user turned the fix on for; session rules do not survive a restart. */
export const ollamaOriginFixItem = storage.defineItem<string[]>('local:ollamaOriginFix', { fallback: [], version: 1 });

interface Target {
  /** `http://127.0.0.1:11434` */
  key: string;
  hostname: string;
  port: string;
  /** urlFilter that matches this scheme, host and port only. */
  urlFilter: string;
}

export function ollamaTarget(baseUrl: string): Target {
  let u: URL;
  try {
    u = new URL(baseUrl);
  } catch {
    throw new Error(t('ollamaBadUrl', baseUrl));
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error(t('ollamaNeedsHttp'));
  const port = u.port || (u.protocol === 'https:' ? '443' : '80');
  // `|` anchors at the start; the `/` right after host[:port] stops a different port from matching.
  return { key: `${u.protocol}//${u.hostname}:${port}`, hostname: u.hostname.replace(/^\[|\]$/g, ''), port, urlFilter: `|${u.protocol}//${u.host}/` };
}

/** The rule itself, pure so it can be checked without a browser. */
export function ollamaOriginRule(baseUrl: string, extensionHost: string, id: number): Browser.declarativeNetRequest.Rule {
  const target = ollamaTarget(baseUrl);
  return ownRequestHeaderRule({ id, header: 'origin', value: `http://127.0.0.1:${target.port}`, urlFilter: target.urlFilter, hostname: target.hostname, extensionHost });
}

async function ourRules(): Promise<Browser.declarativeNetRequest.Rule[]> {
  const rules = await browser.declarativeNetRequest.getSessionRules();
  return rules.filter((r) => r.id >= FIRST_RULE_ID && r.id <= LAST_RULE_ID);
}

async function install(baseUrl: string): Promise<void> {
  const target = ollamaTarget(baseUrl);
  const rules = await ourRules();
  const same = rules.find((r) => r.condition.urlFilter === target.urlFilter);
  const used = new Set(rules.map((r) => r.id));
  let id = same?.id ?? FIRST_RULE_ID;
  while (!same && used.has(id)) id++;
  if (id > LAST_RULE_ID) throw new Error(t('ollamaTooManyFixes'));
  await browser.declarativeNetRequest.updateSessionRules({ removeRuleIds: [id], addRules: [ollamaOriginRule(baseUrl, extensionHost(), id)] });
}

/** Turns the fix on for the Ollama at `baseUrl` and remembers it. Returns true when the rule is in place. */
export async function enableOllamaOriginFix(baseUrl: string): Promise<boolean> {
  const { key } = ollamaTarget(baseUrl);
  await install(baseUrl);
  const saved = await ollamaOriginFixItem.getValue();
  if (!saved.includes(key)) await ollamaOriginFixItem.setValue([...saved, key]);
  return true;
}

export async function disableOllamaOriginFix(baseUrl: string): Promise<boolean> {
  const target = ollamaTarget(baseUrl);
  const ids = (await ourRules()).filter((r) => r.condition.urlFilter === target.urlFilter).map((r) => r.id);
  if (ids.length) await browser.declarativeNetRequest.updateSessionRules({ removeRuleIds: ids });
  await ollamaOriginFixItem.setValue((await ollamaOriginFixItem.getValue()).filter((k) => k !== target.key));
  return false;
}

export async function isOllamaOriginFixOn(baseUrl: string): Promise<boolean> {
  return (await ollamaOriginFixItem.getValue()).includes(ollamaTarget(baseUrl).key);
}

/** Before a request to Ollama: puts the rule back after a browser restart, if the user had turned it on. */
export async function restoreOllamaOriginFix(baseUrl: string): Promise<void> {
  try {
    if (!(await isOllamaOriginFixOn(baseUrl))) return;
    const { urlFilter } = ollamaTarget(baseUrl);
    if (!(await ourRules()).some((r) => r.condition.urlFilter === urlFilter)) await install(baseUrl);
  } catch {
    // A bad URL or a browser without DNR: the request itself will say what is wrong.
  }
}
