import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CaptureError } from '../../../utils/capture/fetch-image';

// The worker's download is refused; the page shows the image, which can only be cropped from the screen.
vi.mock('../../../utils/capture/referer', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../utils/capture/referer')>()),
  fetchOriginal: vi.fn(async () => {
    throw new CaptureError('no-access', 'refused');
  }),
}));
vi.mock('../../../utils/capture/page-read', () => ({
  callPage: vi.fn(async () => ({ element: 'img', rect: { x: 0, y: 0, width: 10, height: 10 }, viewport: { width: 100, height: 100 } })),
  pageRead: vi.fn(),
  isSvg: () => false,
}));
vi.mock('../../../utils/capture/screenshot', () => ({
  cropVisibleTab: vi.fn(async () => ({ bytes: new Uint8Array([1]), mime: 'image/png', method: 'screenshot-crop' })),
}));

const { bytesForSrcUrl } = await import('../../../utils/capture/src-url');
const tab = { id: 7, windowId: 1, url: 'https://page.example/' } as any;
let granted: string[];

beforeEach(() => {
  granted = [];
  (fakeBrowser as any).permissions = { contains: async ({ origins }: { origins: string[] }) => origins.every((o) => granted.includes(o)) };
});

describe('bytesForSrcUrl, when the download is refused and the image is cropped from the screen', () => {
  it('marks the crop when Glimpse has no access to the image’s site, so the panel can offer it', async () => {
    const raw = await bytesForSrcUrl({ srcUrl: 'https://cdn.example/a.jpg', tab, mediaType: 'image' });
    expect(raw).toMatchObject({ method: 'screenshot-crop', lacksAccess: true });
  });

  it('does not when it has that access (the site itself refused: access would not help)', async () => {
    granted = ['https://cdn.example/*'];
    const raw = await bytesForSrcUrl({ srcUrl: 'https://cdn.example/a.jpg', tab, mediaType: 'image' });
    expect(raw.method).toBe('screenshot-crop');
    expect(raw.lacksAccess).toBeUndefined();
  });
});
