// A download the worker is refused, of an image the page shows but may not read: it is cropped from the
// screen. Both ways there (a right-clicked image, a picked one) mark the crop for the panel's access
// offer when, and only when, Glimpse lacks access to the image's site.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CaptureError } from '../../../utils/capture/fetch-image';

vi.mock('../../../utils/capture/referer', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../utils/capture/referer')>()),
  fetchOriginal: vi.fn(async () => {
    throw new CaptureError('no-access', 'refused');
  }),
}));
const box = { rect: { x: 0, y: 0, width: 10, height: 10 }, viewport: { width: 100, height: 100 } };
vi.mock('../../../utils/capture/page-read', () => ({
  // `locate` for a right-clicked image, `pick` for the picker; neither can read the pixels.
  callPage: vi.fn(async (_tab: number, _frame: number, name: string) =>
    name === 'locate' ? { element: 'img', ...box } : name === 'pick' ? { kind: 'element', ...box, src: 'https://cdn.example/a.jpg' } : undefined,
  ),
  pageRead: vi.fn(),
  isSvg: () => false,
}));
vi.mock('../../../utils/capture/screenshot', () => ({
  cropVisibleTab: vi.fn(async () => ({ bytes: new Uint8Array([1]), mime: 'image/png', method: 'screenshot-crop' })),
}));
// The flow itself is tested elsewhere: here it hands back what the pick obtained.
vi.mock('../../../utils/jobs/capture-flow', () => ({ captureAndAnswer: vi.fn(async (_preset: string, target: { obtain: () => unknown }) => target.obtain()) }));
vi.mock('../../../utils/audit/run', () => ({ inPage: vi.fn() }));

const { bytesForSrcUrl } = await import('../../../utils/capture/src-url');
const { pickInTab } = await import('../../../utils/capture/pick');
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

describe('a picked image cropped because its download was refused', () => {
  it('is marked for the access offer when Glimpse lacks access to its site', async () => {
    expect(await pickInTab(tab, 'element', 'describe')).toMatchObject({ method: 'screenshot-crop', lacksAccess: true });
  });

  it('is not when Glimpse has that access (the site itself refused)', async () => {
    granted = ['https://cdn.example/*'];
    const raw = (await pickInTab(tab, 'element', 'describe')) as unknown as { method: string; lacksAccess?: boolean };
    expect(raw.method).toBe('screenshot-crop');
    expect(raw.lacksAccess).toBeUndefined();
  });
});
