import { t } from '../i18n';

/**
 * Headers a page may not set (the Fetch standard's forbidden request-header names, plus User-Agent, which
 * Chrome still refuses): the browser would drop them silently, so Glimpse refuses them out loud.
 */
const FORBIDDEN = new Set([
  'accept-charset', 'accept-encoding', 'access-control-request-headers', 'access-control-request-method',
  'access-control-request-private-network', 'connection', 'content-length', 'cookie', 'cookie2', 'date', 'dnt',
  'expect', 'host', 'keep-alive', 'origin', 'referer', 'set-cookie', 'te', 'trailer', 'transfer-encoding', 'upgrade',
  'via', 'user-agent', 'x-http-method', 'x-http-method-override', 'x-method-override',
]);
const FORBIDDEN_PREFIX = /^(proxy-|sec-)/;
/** Set by Glimpse for the wire format; a different value would break the request. */
const WIRE = new Set(['content-type', 'accept']);
/** RFC 9110 token characters. */
const NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Visible ASCII, space and tab: what every server and fetch's ByteString accept without surprises. */
const VALUE = /^[\t\x20-\x7e]*$/;

/** The providers whose profiles offer Extra headers; any other provider sends none, even if a profile kept some. */
export const HEADER_PROVIDERS = ['openai-compatible', 'ollama'];

export type HeaderParse = { ok: true; headers: Record<string, string> } | { ok: false; line: number; error: string };

/**
 * Extra headers as typed in Options: one `Name: value` per line, blank lines ignored. Every refusal names the
 * line. Authorization is always refused here: it comes from the API key field, so a header can never replace
 * the key silently (nor carry a second key past the key's own checks).
 */
export function parseExtraHeaders(text: string | undefined): HeaderParse {
  const headers: Record<string, string> = {};
  const seen = new Map<string, number>();
  const lines = (text ?? '').split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const n = i + 1;
    const raw = lines[i]!.trim();
    if (!raw) continue;
    const colon = raw.indexOf(':');
    const fail = (error: string): HeaderParse => ({ ok: false, line: n, error });
    // The line is not quoted back: without its colon it may be a secret, and this message can reach an answer's error.
    if (colon === -1) return fail(t('headerNoColon', n));
    const name = raw.slice(0, colon).trim();
    const value = raw.slice(colon + 1).trim();
    const key = name.toLowerCase();
    if (!NAME.test(name)) return fail(t('headerBadName', n, name.slice(0, 60)));
    if (key === 'authorization') return fail(t('headerAuthorization', n));
    if (FORBIDDEN.has(key) || FORBIDDEN_PREFIX.test(key)) return fail(t('headerForbidden', n, name));
    if (WIRE.has(key)) return fail(t('headerWire', n, name));
    if (!value) return fail(t('headerEmptyValue', n, name));
    if (!VALUE.test(value)) return fail(t('headerBadValue', n, name));
    const before = seen.get(key);
    if (before) return fail(t('headerDuplicate', n, name, before));
    seen.set(key, n);
    headers[name] = value;
  }
  return { ok: true, headers };
}
