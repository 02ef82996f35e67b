import { browser } from 'wxt/browser';
import { ALL_SITES } from '../utils/worker/pointer-memory';

const BUILT_IN_HOSTS = ['api.openai.com', 'api.anthropic.com', 'generativelanguage.googleapis.com', 'openrouter.ai'];

/** The host pattern that lets Glimpse reach a user-entered server; undefined for the built-in hosts or a bad URL. */
export function serverPattern(baseUrl: string): { pattern: string; host: string } | undefined {
  try {
    const u = new URL(baseUrl.trim());
    if (!/^https?:$/.test(u.protocol) || BUILT_IN_HOSTS.includes(u.hostname)) return undefined;
    return { pattern: `${u.protocol}//${u.hostname}/*`, host: u.hostname };
  } catch {
    return undefined;
  }
}

/**
 * Asks for host access; call it first thing in a click, since browsers ask only during a gesture. `onWaiting`
 * runs when the browser really puts the question to the user (not when access is already there), so the page
 * can say what it waits for; it never runs after the answer. Resolves false when refused or dismissed.
 */
export function askAccess(origins: string[], onWaiting: () => void = () => undefined): Promise<boolean> {
  let answered = false;
  const answer = browser.permissions
    .request({ origins })
    .catch(() => false)
    .then((ok) => ((answered = true), ok));
  void browser.permissions.contains({ origins }).then(
    (has) => !has && !answered && onWaiting(),
    () => undefined,
  );
  return answer;
}

/** Asks for access to all sites; false when refused. Call it first thing in a click: browsers ask only during a gesture. */
export const requestAllSites = (onWaiting?: () => void): Promise<boolean> => askAccess(ALL_SITES.origins, onWaiting);
