import type { DecodeReply, DecodeRequest, DecoderPortMessage } from '../messages';
import { decodeScaled } from './decode';

/** The document closes itself after this long without work; the worker opens it again when needed. */
export const IDLE_MS = 60_000;

/** Runs in the offscreen document: decodes what the worker sends on the port it hands over. */
export function serveDecoder(): void {
  let idle: ReturnType<typeof setTimeout> | undefined;
  const ports = new Set<MessagePort>();
  const rest = () => {
    clearTimeout(idle);
    idle = setTimeout(() => {
      // Said first, so that a worker waiting on a decode falls back at once instead of timing out.
      for (const port of ports) port.postMessage({ id: -1 } satisfies DecodeReply);
      window.close();
    }, IDLE_MS);
  };
  rest();
  navigator.serviceWorker.onmessage = ({ data }: MessageEvent<DecoderPortMessage>) => {
    if (data?.type !== 'glimpse-decoder-port') return;
    const port = data.port;
    ports.add(port);
    port.onmessage = async ({ data: req }: MessageEvent<DecodeRequest>) => {
      rest();
      try {
        const bitmap = await decodeScaled(req.bytes, req.mime, req, req.orientation);
        port.postMessage({ id: req.id, bitmap } satisfies DecodeReply, [bitmap]);
      } catch (err) {
        port.postMessage({ id: req.id, error: err instanceof Error ? err.message : String(err) } satisfies DecodeReply);
      }
      rest();
    };
    port.postMessage({ id: 0 } satisfies DecodeReply);
  };
}
