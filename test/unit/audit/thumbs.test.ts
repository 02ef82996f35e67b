import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { fillThumbs, MAX_THUMBS } from '../../../utils/audit/thumbs';

describe('audit thumbnails: fetches the page chooses', () => {
  let fetched: { url: string; init?: RequestInit }[];
  beforeEach(() => {
    fakeBrowser.reset();
    vi.spyOn(fakeBrowser.runtime, 'getPlatformInfo').mockResolvedValue({ os: 'linux', arch: 'x86-64' } as never);
    fetched = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (url, init) => {
      fetched.push({ url: String(url), init });
      return new Response('not an image', { status: 404 });
    });
  });
  afterEach(() => vi.restoreAllMocks());

  const items = (...srcs: string[]) => srcs.map((src, i) => ({ key: `k${i}`, src }));

  it('skips private, loopback and link-local hosts on a public page, and sends no cookies', async () => {
    await fillThumbs('a', 'https://news.example/story', items(
      'https://cdn.example/a.jpg', 'http://192.168.1.1/admin.png', 'http://127.0.0.1:8080/x.png', 'http://169.254.169.254/meta',
      'http://[::1]/y.png', 'http://router/z.png', 'https://img.example/b.png', 'javascript:alert(1)',
    ));
    expect(fetched.map((f) => f.url)).toEqual(['https://cdn.example/a.jpg', 'https://img.example/b.png']);
    for (const f of fetched) expect(f.init).toMatchObject({ credentials: 'omit' });
  });

  it('a page on the local network may show its own images', async () => {
    await fillThumbs('a', 'http://192.168.1.10/gallery', items('http://192.168.1.10/a.png', 'http://localhost:3000/b.png'));
    expect(fetched).toHaveLength(2);
  });

  it('fetches at most MAX_THUMBS images for one audit', async () => {
    await fillThumbs('a', 'https://e.example/', items(...Array.from({ length: MAX_THUMBS + 50 }, (_, i) => `https://e.example/${i}.png`)));
    expect(fetched).toHaveLength(MAX_THUMBS);
  });
});
