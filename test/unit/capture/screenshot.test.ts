import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Browser } from 'wxt/browser';
import { CaptureError } from '../../../utils/capture/fetch-image';
import { cropVisibleTab } from '../../../utils/capture/screenshot';
import { makePng } from '../../support/png';

const SHOT = `data:image/png;base64,${Buffer.from(makePng(200, 100, () => [9, 9, 9])).toString('base64')}`;
const rect = { x: 10, y: 10, width: 50, height: 40 };
const viewport = { width: 200, height: 100, dpr: 1 };

/** Node has no decoder or canvas: stand-ins that record the crop. */
function fakeCanvas() {
  const drawn: number[][] = [];
  vi.stubGlobal('createImageBitmap', async () => ({ width: 200, height: 100, close() {} }));
  vi.stubGlobal('OffscreenCanvas', class {
    getContext() {
      return { drawImage: (_b: unknown, ...a: number[]) => drawn.push(a) };
    }
    async convertToBlob() {
      return new Blob([new Uint8Array([1, 2, 3])]);
    }
  });
  return drawn;
}

describe('cropVisibleTab checks the tab it crops', () => {
  let picked: Browser.tabs.Tab;
  let shots: number;

  beforeEach(async () => {
    fakeBrowser.reset();
    shots = 0;
    picked = await fakeBrowser.tabs.create({ url: 'https://example.com/gallery', active: true });
    (fakeBrowser.tabs as unknown as { captureVisibleTab: () => Promise<string> }).captureVisibleTab = async () => (shots++, SHOT);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('the tab the user picked, still in front on the same page: cropped', async () => {
    const drawn = fakeCanvas();
    const raw = await cropVisibleTab(picked, rect, viewport, 'region');
    expect(raw).toMatchObject({ mime: 'image/png', method: 'region' });
    expect(drawn).toEqual([[10, 10, 50, 40, 0, 0, 50, 40]]);
  });

  it('another tab came to the front before the crop: refused, and no screenshot is taken', async () => {
    fakeCanvas();
    await fakeBrowser.tabs.create({ url: 'https://bank.example/account', active: true });
    await fakeBrowser.tabs.update(picked.id!, { active: false });
    const err = await cropVisibleTab(picked, rect, viewport, 'region').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CaptureError);
    expect((err as Error).message).toMatch(/tab changed before the screenshot was taken.*nothing was sent/);
    expect(shots).toBe(0);
  });

  it('the page moved on while the screenshot was taken: refused after it', async () => {
    const drawn = fakeCanvas();
    (fakeBrowser.tabs as unknown as { captureVisibleTab: () => Promise<string> }).captureVisibleTab = async () => {
      shots++;
      await fakeBrowser.tabs.update(picked.id!, { url: 'https://example.com/checkout' });
      return SHOT;
    };
    const err = await cropVisibleTab(picked, rect, viewport, 'screenshot-crop').catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/tab changed before the screenshot was taken/);
    expect(shots).toBe(1);
    expect(drawn).toEqual([]);
  });
});
