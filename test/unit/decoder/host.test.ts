// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IDLE_MS, serveDecoder } from '../../../utils/decoder/host';

type Handler = ((e: { data: unknown }) => unknown) | null;
const port = () => ({ onmessage: null as Handler, postMessage: vi.fn() });

let inits: ImageDecoderInit[];
let closed: string[];
let fail = false;
let turn: { rotation?: number; flip?: boolean } = {};

beforeEach(() => {
  inits = [];
  closed = [];
  fail = false;
  turn = {};
  Object.defineProperty(navigator, 'serviceWorker', { value: { onmessage: null }, configurable: true });
  vi.stubGlobal(
    'ImageDecoder',
    class {
      constructor(init: ImageDecoderInit) {
        inits.push(init);
      }
      async decode() {
        if (fail) throw new Error('The image is corrupt');
        const { desiredWidth: width, desiredHeight: height } = inits.at(-1)!;
        return { image: { width, height, ...turn, close: () => closed.push('frame') } };
      }
      close() {
        closed.push('decoder');
      }
    },
  );
  vi.stubGlobal('createImageBitmap', async (f: { width: number; height: number }) => ({ width: f.width, height: f.height, kind: 'bitmap' }));
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

/** Hands the document a port as the worker does, and returns it once the document has said it listens. */
function connect() {
  const p = port();
  const sw = navigator.serviceWorker as unknown as { onmessage: Handler };
  sw.onmessage!({ data: { type: 'glimpse-decoder-port', port: p } });
  return p;
}

describe('the offscreen decoder document', () => {
  it('says it listens on the port it is handed, and ignores other messages', () => {
    serveDecoder();
    const sw = navigator.serviceWorker as unknown as { onmessage: Handler };
    expect(() => sw.onmessage!({ data: 'hello' })).not.toThrow();
    const p = connect();
    expect(p.postMessage).toHaveBeenCalledWith({ id: 0 });
  });

  it('decodes at the size asked, hands the bitmap over (transferred) and frees the decoder and frame', async () => {
    serveDecoder();
    const p = connect();
    const bytes = new Uint8Array([0xff, 0xd8]);
    await p.onmessage!({ data: { id: 7, bytes, mime: 'image/jpeg', width: 1500, height: 1125 } });
    expect(inits).toEqual([{ data: bytes, type: 'image/jpeg', desiredWidth: 1500, desiredHeight: 1125 }]);
    const bitmap = { width: 1500, height: 1125, kind: 'bitmap' };
    expect(p.postMessage).toHaveBeenLastCalledWith({ id: 7, bitmap }, [bitmap]);
    expect(closed.sort()).toEqual(['decoder', 'frame']);
  });

  it('answers a failed decode with its reason, for the worker to decode in full', async () => {
    serveDecoder();
    const p = connect();
    fail = true;
    await p.onmessage!({ data: { id: 3, bytes: new Uint8Array(2), mime: 'image/jpeg', width: 10, height: 10 } });
    expect(p.postMessage).toHaveBeenLastCalledWith({ id: 3, error: 'The image is corrupt' });
    expect(closed).toEqual(['decoder']);
  });

  it('a turned photo (EXIF 6) is used only when the frame carries that turn; else the worker decodes in full', async () => {
    serveDecoder();
    const p = connect();
    const req = { bytes: new Uint8Array(2), mime: 'image/jpeg', width: 20, height: 10, orientation: 6 };
    await p.onmessage!({ data: { id: 1, ...req } });
    expect(p.postMessage).toHaveBeenLastCalledWith({ id: 1, error: 'orientation not applied' });
    turn = { rotation: 90, flip: false };
    await p.onmessage!({ data: { id: 2, ...req } });
    expect(p.postMessage).toHaveBeenLastCalledWith({ id: 2, bitmap: expect.objectContaining({ width: 20 }) }, [expect.anything()]);
    turn = { rotation: 90, flip: true }; // that is EXIF 5
    await p.onmessage!({ data: { id: 3, ...req } });
    expect(p.postMessage).toHaveBeenLastCalledWith({ id: 3, error: 'orientation not applied' });
  });

  it(`closes itself after ${IDLE_MS / 1000} s without work; work postpones that`, async () => {
    vi.useFakeTimers();
    const close = vi.spyOn(window, 'close').mockImplementation(() => undefined);
    serveDecoder();
    const p = connect();
    vi.advanceTimersByTime(IDLE_MS - 1000);
    await p.onmessage!({ data: { id: 1, bytes: new Uint8Array(2), mime: 'image/jpeg', width: 10, height: 10 } });
    vi.advanceTimersByTime(IDLE_MS - 1000);
    expect(close).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1000);
    expect(close).toHaveBeenCalledTimes(1);
    // The worker heard it first, so that nothing waits on a closed document.
    expect(p.postMessage).toHaveBeenLastCalledWith({ id: -1 });
  });
});
