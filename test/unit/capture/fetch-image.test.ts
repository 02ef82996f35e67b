import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaptureError, fetchImage } from '../../../utils/capture/fetch-image';
import { makePng } from '../../support/png';
import { startWireServer, type WireServer } from '../helpers/wire-server';

/** Image downloads are bounded: a page can list any URL, and a host can send anything, or nothing, for as long as it likes. */
describe('fetchImage limits', () => {
  let server: WireServer;
  let sent = 0;
  const png = makePng(8, 8, () => [1, 2, 3]);

  beforeAll(async () => {
    server = await startWireServer((req, res) => {
      if (req.path === '/ok.png') return void res.writeHead(200, { 'content-type': 'image/png' }).end(png);
      if (req.path === '/declared-huge.png') {
        // Says how large it is up front: refused before the body is read.
        res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(2_000_000) });
        res.write(Buffer.alloc(1000));
        return;
      }
      if (req.path === '/endless.png') {
        // No length, and the body never ends: the reader must stop itself.
        res.writeHead(200, { 'content-type': 'image/png' });
        const more = () => {
          if (res.destroyed) return;
          sent += 64 * 1024;
          res.write(Buffer.alloc(64 * 1024), () => setTimeout(more, 0));
        };
        more();
        return;
      }
      if (req.path === '/silent.png') return; // never answers
      if (req.path === '/trickle.png') {
        res.writeHead(200, { 'content-type': 'image/png' });
        res.write(Buffer.alloc(10)); // then nothing more
        return;
      }
      res.writeHead(404).end();
    });
  });
  afterAll(() => server.close());

  it('an ordinary image arrives whole', async () => {
    const raw = await fetchImage(`${server.url}/ok.png`, undefined, 'no-store');
    expect(raw).toMatchObject({ mime: 'image/png', method: 'worker-fetch' });
    expect([...raw.bytes]).toEqual([...png]);
  });

  it('a file declared larger than the cap is refused with a clear message', async () => {
    const err = await fetchImage(`${server.url}/declared-huge.png`, undefined, 'no-store', { maxBytes: 1_000_000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CaptureError);
    expect(err).toMatchObject({ kind: 'too-large' });
    expect((err as Error).message).toMatch(/larger than 1 MB, too large to download.*Capture a region/);
  });

  it('a body without a length is cut off once it passes the cap, not read to the end', async () => {
    sent = 0;
    const err = await fetchImage(`${server.url}/endless.png`, undefined, 'no-store', { maxBytes: 1_000_000 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'too-large' });
    // The server's socket buffers some, but reading stopped near the cap.
    expect(sent).toBeLessThan(20_000_000);
  });

  it('a host that never answers, or stops halfway, times out with a clear message', async () => {
    for (const path of ['/silent.png', '/trickle.png']) {
      const err = await fetchImage(`${server.url}${path}`, undefined, 'no-store', { timeoutMs: 300 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CaptureError);
      expect(err).toMatchObject({ kind: 'timeout' });
      expect((err as Error).message).toMatch(/took longer than 1 s and was stopped/);
    }
  });

  it('the caller can still stop it (Stop, a batch cancel)', async () => {
    const ctl = new AbortController();
    const p = fetchImage(`${server.url}/silent.png`, ctl.signal, 'no-store', { timeoutMs: 10_000 }).catch((e: unknown) => e);
    ctl.abort();
    expect(await p).toMatchObject({ kind: 'no-access' });
  });
});
