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
