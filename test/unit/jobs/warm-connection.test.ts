import { afterEach, describe, expect, it, vi } from 'vitest';

const calls: [string, RequestInit][] = [];
let answer: () => Promise<Response> = async () => new Response(null, { status: 404 });

async function fresh() {
  vi.resetModules();
  calls.length = 0;
  vi.stubGlobal('fetch', (url: string, init: RequestInit) => (calls.push([url, init]), answer()));
  return (await import('../../../utils/jobs/warm-connection')).warmConnection;
}

afterEach(() => {
  vi.unstubAllGlobals();
  answer = async () => new Response(null, { status: 404 });
});

describe('warmConnection', () => {
  it('sends a bare HEAD to the origin of the base URL: no key, no headers, no body, the default credentials mode', async () => {
    const warm = await fresh();
    warm('https://generativelanguage.googleapis.com/v1beta/openai', 1000);
    expect(calls).toHaveLength(1);
    const [url, init] = calls[0]!;
    expect(url).toBe('https://generativelanguage.googleapis.com/');
    expect(init.method).toBe('HEAD');
    expect(init.headers).toBeUndefined();
    expect(init.body).toBeUndefined();
    // Another credentials mode than the SDKs' would put the connection in a pool the request never uses.
    expect(init.credentials).toBeUndefined();
  });

  it('opens each origin once in a burst of clicks, and again 5 s later', async () => {
    const warm = await fresh();
    warm('https://api.openai.com/v1', 0);
    warm('https://api.openai.com/v1/', 4_999);
    warm('https://api.anthropic.com', 10);
    expect(calls.map((c) => c[0])).toEqual(['https://api.openai.com/', 'https://api.anthropic.com/']);
    warm('https://api.openai.com/v1', 5_000);
    expect(calls).toHaveLength(3);
  });

  it('does nothing for what is not an http(s) URL', async () => {
    const warm = await fresh();
    for (const u of ['', 'chrome-ai', 'ftp://example.com', 'javascript:alert(1)']) warm(u, 0);
    expect(calls).toHaveLength(0);
  });

  it('a failed attempt (offline, refused) does not count: the next click tries again', async () => {
    answer = () => Promise.reject(new TypeError('Failed to fetch'));
    const warm = await fresh();
    warm('http://localhost:11434', 0);
    await new Promise((r) => setTimeout(r, 0));
    warm('http://localhost:11434', 1);
    expect(calls).toHaveLength(2);
  });
});
