import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { db } from '../../../utils/store/db';
import type { Prepared } from '../../../utils/image/prepare';

// Decoding needs a browser; this test is about what is stored when the answer cannot be.
vi.mock('../../../utils/image/prepare', async (orig) => ({
  ...(await orig<typeof import('../../../utils/image/prepare')>()),
  prepareForSend: async (): Promise<Prepared> => ({
    image: { mime: 'image/png', bytes: new Uint8Array([1, 2, 3]), width: 4, height: 4, original: { mime: 'image/png', width: 4, height: 4, byteLength: 3 }, notes: [] },
    content: 'graphic',
    thumb: async () => 'data:image/jpeg;base64,',
    release: () => undefined,
  }),
}));

const { captureAndAnswer } = await import('../../../utils/jobs/capture-flow');

describe('captureAndAnswer', () => {
  beforeEach(async () => {
    await Promise.all([db.entries.clear(), db.threads.clear(), db.images.clear()]);
  });

  it('when the entry cannot be stored, the error reaches the caller and no image row is left behind', async () => {
    // The fake browser has no UI language; the prompt asks for the page's or the browser's.
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en');
    vi.spyOn(db.entries, 'add').mockRejectedValue(new Error('QuotaExceededError'));
    const capture = captureAndAnswer('describe', {
      source: { pageUrl: 'https://example.com/' },
      obtain: async () => ({ bytes: new Uint8Array([1, 2, 3]), mime: 'image/png', method: 'worker-fetch' }),
    });
    await expect(capture).rejects.toThrow('QuotaExceededError');
    expect(await db.threads.count()).toBe(0);
    expect(await db.images.count()).toBe(0);
  });
});
