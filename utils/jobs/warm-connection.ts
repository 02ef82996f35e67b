/**
 * Opens the connection to the provider while the image is still being fetched and prepared, so the
 * request finds it ready. A cold connection costs DNS, TCP and TLS (one to three round trips, often
 * 50–300 ms) before the request's first byte can leave; over HTTP/2 the request then waits for the
 * connection already being opened instead of opening its own.
 *
 * It is a HEAD of the origin's root carrying nothing of the profile: no key, no extra headers, no body.
 * It keeps the fetch defaults the SDKs use (credentials included): Chromium keeps connections made with
 * another credentials mode in another pool, where the request would never find this one.
 */

/**
 * A burst of clicks opens it once. Longer would be a guess at the server's idle timeout, and a HEAD on a
 * connection that is still open costs next to nothing.
 */
const FRESH_MS = 5_000;
const GIVE_UP_MS = 10_000;
const lastWarmed = new Map<string, number>();

export function warmConnection(baseUrl: string, now = Date.now()): void {
  let origin: string;
  try {
    const url = new URL(baseUrl);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return;
    origin = url.origin;
  } catch {
    return; // not a URL (the on-device model has none); the request itself reports a bad one
  }
  if (now - (lastWarmed.get(origin) ?? -Infinity) < FRESH_MS) return;
  lastWarmed.set(origin, now);
  fetch(`${origin}/`, { method: 'HEAD', cache: 'no-store', redirect: 'manual', signal: AbortSignal.timeout(GIVE_UP_MS) }).then(
    (res) => void res.body?.cancel().catch(() => undefined),
    // Offline, refused or not permitted: the request will say what went wrong, with the user's words for it.
    () => lastWarmed.delete(origin),
  );
}
