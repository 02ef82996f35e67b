import { describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { explainNoAccess } from '../../../utils/jobs/fault-help';
import { networkError, ProviderError } from '../../../utils/providers/errors';

describe('a request the browser stopped because Glimpse may not reach the server', () => {
  const base = 'http://127.0.0.1:1234/v1';
  const refused = networkError(new TypeError('Failed to fetch'), base);

  it('without host access: says so, and the two ways forward (allow access, or CORS)', async () => {
    const contains = vi.spyOn(browser.permissions, 'contains').mockResolvedValue(false as never);
    const e = await explainNoAccess(refused, base);
    expect(contains).toHaveBeenCalledWith({ origins: ['http://127.0.0.1/*'] });
    expect(e.kind).toBe('network');
    expect(e.message).toMatch(/^Glimpse may not reach 127\.0\.0\.1: .*Options → Allow access to 127\.0\.0\.1.*Enable CORS.*OLLAMA_ORIGINS/);
  });

  it('with host access, or for another kind of failure, the error is left as it is', async () => {
    vi.spyOn(browser.permissions, 'contains').mockResolvedValue(true as never);
    expect(await explainNoAccess(refused, base)).toBe(refused);
    vi.spyOn(browser.permissions, 'contains').mockResolvedValue(false as never);
    const auth = new ProviderError('auth', 'The server refused the key (401).', 401);
    expect(await explainNoAccess(auth, base)).toBe(auth);
  });
});

describe('Check server and model, for a server Glimpse may not reach', () => {
  it('names the missing access and CORS instead of "nothing answers, start the server"', async () => {
    const { checkLocal } = await import('../../../utils/jobs/local-check');
    const { createServer } = await import('node:net');
    // A port nothing listens on: the request fails as the browser's CORS check makes it fail.
    const srv = createServer().listen(0, '127.0.0.1');
    await new Promise((r) => srv.once('listening', r));
    const port = (srv.address() as { port: number }).port;
    await new Promise((r) => srv.close(r));
    const profile = { id: 'p', name: 'LM Studio', provider: 'openai-compatible', baseUrl: `http://127.0.0.1:${port}/v1`, apiKey: '', model: 'm' };
    vi.spyOn(browser.permissions, 'contains').mockResolvedValue(false as never);
    expect((await checkLocal(profile)).message).toMatch(/^Glimpse may not reach 127\.0\.0\.1: .*CORS/);
    vi.spyOn(browser.permissions, 'contains').mockResolvedValue(true as never);
    expect((await checkLocal(profile)).message).not.toContain('Glimpse may not reach');
  });
});
