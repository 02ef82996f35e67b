import { browser, type Browser } from 'wxt/browser';
import type { Size } from '../image/resize';
import type { DecodeReply, DecodeRequest, DecoderPortMessage } from '../messages';
import { canDecodeHere, decodeScaled } from './decode';

const DOCUMENT = '/offscreen.html';
/** A decode not answered by then is given up: the caller decodes in full instead. */
const REPLY_MS = 10_000;
const READY_MS = 3_000;

interface WindowClient {
  url: string;
  postMessage(message: unknown, transfer: Transferable[]): void;
}
type WorkerScope = { clients?: { matchAll(o: { includeUncontrolled: boolean; type: 'window' }): Promise<WindowClient[]> } };

let connection: Promise<MessagePort | undefined> | undefined;
const pending = new Map<number, (reply: DecodeReply) => void>();
let lastId = 0;

/**
 * `bytes` decoded at `size`, or undefined when that cannot be done here. A service worker has no
 * ImageDecoder, so on Chromium an offscreen document decodes; a background page decodes itself.
 */
export async function decodeAtSize(bytes: Uint8Array, mime: string, size: Size, orientation = 1): Promise<ImageBitmap | undefined> {
  if (canDecodeHere()) return decodeScaled(bytes, mime, size, orientation);
  const port = await openDecoder();
  if (!port) return undefined;
  const id = ++lastId;
  const reply = await new Promise<DecodeReply | undefined>((resolve) => {
    const timer = setTimeout(() => {
      pending.delete(id);
      resolve(undefined);
    }, REPLY_MS);
    pending.set(id, (r) => {
      clearTimeout(timer);
      resolve(r);
    });
    port.postMessage({ id, bytes, mime, width: size.width, height: size.height, orientation } satisfies DecodeRequest);
  });
  // A document that stopped answering is opened afresh next time.
  if (!reply) connection = undefined;
  return reply?.bitmap;
}

async function openDecoder(): Promise<MessagePort | undefined> {
  const api = browser.offscreen;
  if (!api?.createDocument) return undefined;
  const current = connection;
  if (current) {
    // The document closes itself when idle, and a port to it would never answer.
    const port = await current;
    if (port && (await api.hasDocument().catch(() => false))) return port;
    if (connection === current) connection = undefined;
  }
  connection ??= connect(api).catch(() => undefined);
  return connection;
}

async function connect(api: typeof Browser.offscreen): Promise<MessagePort | undefined> {
  if (!(await api.hasDocument())) {
    await api
      .createDocument({
        url: DOCUMENT,
        reasons: ['BLOBS' as Browser.offscreen.Reason],
        justification: 'Decodes large photos at the size the model uses: Chromium gives no image decoder to service workers.',
      })
      // Another caller may have opened it meanwhile.
      .catch(async (err: unknown) => {
        if (!(await api.hasDocument())) throw err;
      });
  }
  const clients = await (globalThis as WorkerScope).clients?.matchAll({ includeUncontrolled: true, type: 'window' });
  const doc = clients?.find((c) => new URL(c.url).pathname === DOCUMENT);
  if (!doc) return undefined;
  const { port1, port2 } = new MessageChannel();
  const ready = new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), READY_MS);
    port1.onmessage = ({ data }: MessageEvent<DecodeReply>) => {
      if (data.id === 0) {
        clearTimeout(timer);
        resolve(true);
        return;
      }
      if (data.id === -1) {
        // Closing when idle: whatever still waits decodes in full, and the next decode opens it again.
        void connection?.then((p) => p === port1 && (connection = undefined));
        for (const [id, answer] of pending) {
          pending.delete(id);
          answer({ id });
        }
        return;
      }
      const answer = pending.get(data.id);
      pending.delete(data.id);
      if (answer) answer(data);
      else data.bitmap?.close(); // too late: the caller has decoded in full
    };
  });
  doc.postMessage({ type: 'glimpse-decoder-port', port: port2 } satisfies DecoderPortMessage, [port2]);
  return (await ready) ? port1 : undefined;
}
