import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

/** A stand-in offscreen document on a real MessageChannel: answers as utils/decoder/host.ts does. */
function fakeDocument(opts: { answer?: boolean; closeOnRequest?: boolean } = {}) {
  const state = { open: false, created: 0, connects: 0, asked: [] as { width: number; height: number }[] };
  (fakeBrowser as any).offscreen = {
    hasDocument: async () => state.open,
    createDocument: async (o: { url: string; reasons: string[] }) => {
      expect(o).toMatchObject({ url: '/offscreen.html', reasons: ['BLOBS'] });
      state.created++;
      state.open = true;
    },
  };
  vi.stubGlobal('clients', {
    matchAll: async () =>
      state.open
        ? [
            {
              url: 'chrome-extension://id/offscreen.html',
              postMessage(m: { type: string; port: MessagePort }) {
                state.connects++;
                m.port.onmessage = ({ data }) => {
                  state.asked.push({ width: data.width, height: data.height });
                  if (opts.closeOnRequest) {
                    state.open = false; // as after its idle timer: says so, then closes
                    m.port.postMessage({ id: -1 });
                    return;
                  }
                  if (opts.answer !== false) m.port.postMessage({ id: data.id, bitmap: { width: data.width, height: data.height } });
                };
                m.port.postMessage({ id: 0 });
              },
            },
          ]
        : [],
  });
  return state;
}

const load = () => import('../../../utils/decoder/client');
const bytes = new Uint8Array([0xff, 0xd8, 0xff]);
const size = { width: 1500, height: 1125 };

beforeEach(() => {
  vi.resetModules();
  fakeBrowser.reset();
  delete (fakeBrowser as any).offscreen;
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('decodeAtSize', () => {
  it('decodes right here where this context has ImageDecoder (a background page)', async () => {
    const asked: ImageDecoderInit[] = [];
    vi.stubGlobal(
      'ImageDecoder',
      class {
        constructor(init: ImageDecoderInit) {
          asked.push(init);
        }
        decode = async () => ({ image: { width: 1500, height: 1125, close() {} } });
        close() {}
      },
    );
    vi.stubGlobal('createImageBitmap', async (f: { width: number }) => ({ width: f.width, height: 1125 }));
    const { decodeAtSize } = await load();
    expect(await decodeAtSize(bytes, 'image/jpeg', size)).toEqual({ width: 1500, height: 1125 });
    expect(asked).toMatchObject([{ desiredWidth: 1500, desiredHeight: 1125, type: 'image/jpeg' }]);
  });

  it('gives nothing (decode in full) where there is neither ImageDecoder nor an offscreen API', async () => {
    const { decodeAtSize } = await load();
    expect(await decodeAtSize(bytes, 'image/jpeg', size)).toBeUndefined();
  });

  it('opens the offscreen document once, reuses its port, and connects again once it has closed itself', async () => {
    const doc = fakeDocument();
    const { decodeAtSize } = await load();
    expect(await decodeAtSize(bytes, 'image/jpeg', size)).toEqual(size);
    expect(await decodeAtSize(bytes, 'image/jpeg', { width: 1200, height: 675 })).toEqual({ width: 1200, height: 675 });
    expect(doc).toMatchObject({ created: 1, connects: 1 });
    doc.open = false; // idle: it closed itself
    expect(await decodeAtSize(bytes, 'image/jpeg', size)).toEqual(size);
    expect(doc).toMatchObject({ created: 2, connects: 2 });
  });

  it('a document that closes while a decode waits: nothing at once (no 10 s wait), and a new document next time', async () => {
    const doc = fakeDocument({ closeOnRequest: true });
    const { decodeAtSize } = await load();
    const started = Date.now();
    expect(await decodeAtSize(bytes, 'image/jpeg', size)).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(1000);
    void decodeAtSize(bytes, 'image/jpeg', size);
    await vi.waitFor(() => expect(doc).toMatchObject({ created: 2, connects: 2 }));
  });

  it('a document that does not answer: nothing after 10 s, and a fresh connection next time', async () => {
    const doc = fakeDocument({ answer: false });
    const { decodeAtSize } = await load();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const got = decodeAtSize(bytes, 'image/jpeg', size);
    await vi.waitFor(() => expect(doc.asked).toHaveLength(1));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await got).toBeUndefined();
    vi.useRealTimers();
    void decodeAtSize(bytes, 'image/jpeg', size);
    await vi.waitFor(() => expect(doc.connects).toBe(2));
  });
});
