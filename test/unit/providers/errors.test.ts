import { afterEach, describe, expect, it, vi } from 'vitest';
import { fromHttp, networkError, ProviderError, retryAfterMs } from '../../../utils/providers/errors';

describe('retryAfterMs', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('prefers retry-after-ms, then retry-after seconds, then an HTTP date', () => {
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '1500', 'retry-after': '9' }))).toBe(1500);
    expect(retryAfterMs(new Headers({ 'retry-after': '2' }))).toBe(2000);
    expect(retryAfterMs(new Headers({ 'retry-after': '0.5' }))).toBe(500);
    vi.useFakeTimers({ now: new Date('2026-11-21T12:00:00Z') });
    expect(retryAfterMs(new Headers({ 'retry-after': 'Sat, 21 Nov 2026 12:00:30 GMT' }))).toBe(30_000);
    expect(retryAfterMs(new Headers({ 'retry-after': 'Sat, 21 Nov 2026 11:00:00 GMT' }))).toBe(0);
  });

  it('is undefined without a usable header', () => {
    expect(retryAfterMs(undefined)).toBeUndefined();
    expect(retryAfterMs(new Headers())).toBeUndefined();
    expect(retryAfterMs(new Headers({ 'retry-after': 'soon' }))).toBeUndefined();
  });
});

describe('fromHttp', () => {
  it.each([
    [401, 'auth', /Check the key in Options/],
    [403, 'auth', /rejected \(403\)/],
    [404, 'not-found', /Check the model name and Base URL/],
    [413, 'too-large', /too large/],
    [429, 'rate-limit', /rate-limiting/],
    [500, 'server', /server error \(500\)/],
    [529, 'server', /server error \(529\)/],
    [400, 'bad-request', /refused the request \(400\)/],
  ] as const)('%i → %s', (status, kind, msg) => {
    const e = fromHttp(status, 'server words');
    expect(e).toBeInstanceOf(ProviderError);
    expect(e.kind).toBe(kind);
    expect(e.status).toBe(status);
    expect(e.message).toMatch(msg);
    expect(e.message).toContain('“server words”');
    expect(e.retryable).toBe(kind === 'rate-limit' || kind === 'server');
  });

  it('a 429 about quota, spend limit or billing is quota and is not retried', () => {
    expect(fromHttp(429, 'x', undefined, 'insufficient_quota').kind).toBe('quota');
    expect(fromHttp(429, 'You exceeded your current quota, please check your plan and billing details.').kind).toBe('quota');
    expect(fromHttp(429, 'x', undefined, 'enforced_spend_limit_reached').kind).toBe('quota');
    expect(fromHttp(429, 'Your credit balance is too low to access the Anthropic API.').kind).toBe('quota');
    expect(fromHttp(429, 'x', undefined, 'insufficient_quota').retryable).toBe(false);
  });

  it('carries the server’s wait on rate-limit and server errors, and trims long server text', () => {
    expect(fromHttp(429, '', new Headers({ 'retry-after': '3' })).retryAfterMs).toBe(3000);
    expect(fromHttp(503, '', new Headers({ 'retry-after': '4' })).retryAfterMs).toBe(4000);
    const long = fromHttp(400, 'x'.repeat(1000));
    expect(long.message.length).toBeLessThan(400);
  });
});

describe('networkError', () => {
  it('names the Base URL and the cause', () => {
    const e = networkError(new TypeError('fetch failed'), 'http://localhost:1234/v1');
    expect(e.kind).toBe('network');
    expect(e.message).toContain('http://localhost:1234/v1');
    expect(e.message).toContain('fetch failed');
  });

  it('says so when the browser is offline', () => {
    vi.stubGlobal('navigator', { onLine: false });
    try {
      expect(networkError(new Error('x'), 'https://api.openai.com/v1').message).toMatch(/offline/);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
