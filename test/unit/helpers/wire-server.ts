import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';

/** One request as the fake provider saw it. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: any;
}

export type Handler = (req: RecordedRequest, res: ServerResponse, n: number) => void | Promise<void>;

export interface WireServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  requests: RecordedRequest[];
  /** Replace the handler for the next requests. */
  handle(h: Handler): void;
  close(): Promise<void>;
}

/** A local HTTP server on a random port that answers with recorded wire formats. */
export async function startWireServer(initial?: Handler): Promise<WireServer> {
  let handler: Handler | undefined = initial;
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: any = raw;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        /* keep the raw text */
      }
      const rec: RecordedRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body };
      requests.push(rec);
      if (!handler) {
        res.writeHead(500).end('no handler');
        return;
      }
      Promise.resolve(handler(rec, res, requests.length)).catch((err: unknown) => {
        if (!res.headersSent) res.writeHead(500);
        res.end(String(err));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    handle(h) {
      handler = h;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const tick = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Writes `chunks` with a short gap so the client sees several reads. */
export async function writeSlowly(res: ServerResponse, chunks: (string | Buffer)[], gapMs = 5): Promise<void> {
  for (const c of chunks) {
    res.write(c);
    await tick(gapMs);
  }
}

/** `data: {...}\n\n` frames, as OpenAI-style SSE. */
export const sseData = (obj: unknown) => `data: ${typeof obj === 'string' ? obj : JSON.stringify(obj)}\n\n`;

/** A named SSE event, as Anthropic sends them. */
export const sseEvent = (event: string, obj: unknown) => `event: ${event}\ndata: ${JSON.stringify(obj)}\n\n`;

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(text);
}

/** Drains a provider stream, keeping what arrived before any error (as the answer job does). */
export async function collect<T extends { type: string }>(
  stream: AsyncIterable<T>,
): Promise<{ text: string; events: T[]; error?: unknown }> {
  const events: T[] = [];
  let text = '';
  try {
    for await (const ev of stream) {
      events.push(ev);
      if (ev.type === 'text') text += (ev as unknown as { text: string }).text;
    }
  } catch (error) {
    return { text, events, error };
  }
  return { text, events };
}

const FIXTURES = new URL('../../fixtures/wire/', import.meta.url);

/** A wire-format fixture from test/fixtures/wire/. */
export const wireFixture = (name: string): string => readFileSync(new URL(name, FIXTURES), 'utf8');

/** Splits an SSE body into its events (each keeps its trailing blank line). */
export const sseFrames = (body: string): string[] => body.split(/(?<=\n\n)/).filter(Boolean);

/** Cuts bytes into `size`-byte pieces and also inside every multi-byte UTF-8 character. */
export function byteSlices(text: string, size: number): Buffer[] {
  const buf = Buffer.from(text, 'utf8');
  const cuts = new Set<number>();
  for (let i = size; i < buf.length; i += size) cuts.add(i);
  for (let i = 0; i < buf.length; i++) if (buf[i]! >= 0xc0) cuts.add(i + 1); // right after a lead byte
  const points = [0, ...[...cuts].sort((a, b) => a - b), buf.length];
  return points.slice(1).map((end, i) => buf.subarray(points[i], end)).filter((b) => b.length > 0);
}

/** A 4×4 red PNG; its bytes are what every request must carry. */
export const RED_PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAEElEQVR4nGP4z8AARwzEcQCukw/x0F8jngAAAABJRU5ErkJggg==';
export const RED_PNG = new Uint8Array(Buffer.from(RED_PNG_BASE64, 'base64'));
