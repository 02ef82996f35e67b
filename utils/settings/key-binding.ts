import { isLoopback } from '../capture/hosts';

/** The fields of a profile that decide where its key may go (items.ts imports this file, so no import back). */
interface Keyed {
  provider: string;
  baseUrl: string;
  apiKey: string;
  /** A gateway's extra headers may carry a secret too (an Authorization line): they are bound with the key. */
  extraHeaders?: string;
  keyFor?: string;
}

/**
 * Where a profile's key may go: its provider and the origin of its base URL. A key is bound to the endpoint it
 * was saved for, so switching a profile to another provider or server never carries the key along.
 */
export function endpointOf(p: Pick<Keyed, 'provider' | 'baseUrl'>): string {
  return `${p.provider} ${originOf(p.baseUrl)}`;
}

function originOf(url: string): string {
  try {
    return new URL(url.trim()).origin;
  } catch {
    return '';
  }
}

/** Has this profile anything an endpoint should not see unless it was saved for it? */
export const hasSecret = (p: Keyed): boolean => !!p.apiKey || !!p.extraHeaders?.trim();

/** The origin part of a binding, for messages. */
export const boundOrigin = (keyFor: string) => keyFor.slice(keyFor.indexOf(' ') + 1);

/**
 * May this profile's key be sent to its endpoint? A profile stored before keys were bound has no `keyFor`; it
 * counts as bound to its current endpoint, which is what the storage migration writes for it.
 */
export const keyBound = (p: Keyed): boolean => !hasSecret(p) || p.keyFor === undefined || p.keyFor === endpointOf(p);

/** The profile with its key and headers bound to its current endpoint (no binding when it has neither). */
export function bindKey<P extends Keyed>(p: P): P {
  const { keyFor: _old, ...rest } = p;
  return (hasSecret(p) ? { ...rest, keyFor: endpointOf(p) } : rest) as P;
}

/** Plain `http:` to a host other than this machine: a key sent there can be read on the way. */
export function plainHttpRemote(baseUrl: string): string | undefined {
  try {
    const u = new URL(baseUrl.trim());
    return u.protocol === 'http:' && !isLoopback(u.hostname) ? u.host : undefined;
  } catch {
    return undefined;
  }
}
