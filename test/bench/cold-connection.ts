// P2 on a cold connection: providers answer over HTTPS and HTTP/2, and a connection unused for a while is
// gone, so a click often pays DNS, TCP and TLS before its request can leave. Here the fake provider speaks
// HTTP/2 over TLS behind a proxy that holds every new connection for CONNECT_MS (a 50 ms round trip, about),
// and every connection is dropped before each click. The image comes from another origin, as on a real page.
import { execSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createSecureServer } from 'node:http2';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeProvider, type Recorded } from '../support/fake-provider';
import { launch, setProfile } from '../e2e/harness';
import { click, makePhoto, median } from './upload-helpers';

const CONNECT_MS = 100;
const RUNS = 7;

/** A throwaway self-signed certificate for 127.0.0.1 (Chromium is told to accept it). */
function certificate(): { key: Buffer; cert: Buffer } | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'glimpse-cert-'));
  try {
    execSync(
      `openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout ${dir}/key.pem -out ${dir}/cert.pem -days 2 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1`,
      { stdio: 'ignore' },
    );
    return { key: readFileSync(`${dir}/key.pem`), cert: readFileSync(`${dir}/cert.pem`) };
  } catch {
    return undefined;
  }
}

/** The fake provider's own handler (its real wire format) served over HTTP/2 and TLS, behind a slow-to-connect proxy. */
async function slowTlsProvider(tls: { key: Buffer; cert: Buffer }) {
  const fake = new FakeProvider();
  fake.plan = { chunks: ['ok'], delayMs: 0 };
  const h2 = createSecureServer({ ...tls, allowHTTP1: true }, (req, res) => void (fake as any).handle(req, res));
  await new Promise<void>((r) => h2.listen(0, '127.0.0.1', r));
  const sockets = new Set<Socket>();
  const proxy = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client)).on('error', () => undefined);
    client.pause();
    setTimeout(() => {
      const up = connect((h2.address() as { port: number }).port, '127.0.0.1', () => {
        client.pipe(up).pipe(client);
        client.resume();
      });
      up.on('error', () => client.destroy());
      client.on('close', () => up.destroy());
    }, CONNECT_MS);
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  return {
    fake,
    origin: `https://127.0.0.1:${(proxy.address() as { port: number }).port}`,
    dropConnections: () => sockets.forEach((s) => s.destroy()),
    close: () => (proxy.close(), h2.close()),
  };
}

export async function coldConnection(): Promise<void> {
  const tls = certificate();
  if (!tls) {
    console.log('\n## P2 on a cold HTTPS connection: skipped (needs the openssl command for a test certificate)');
    return;
  }
  execSync('npm run build:e2e', { stdio: 'ignore' });
  const provider = await slowTlsProvider(tls);
  const site = await new FakeProvider().start();
  const s = await launch({ args: ['--ignore-certificate-errors'] });
  let serial = 0;
  try {
    const page = await s.ctx.newPage();
    site.pages.set('/p.html', { type: 'text/html', body: '<!doctype html><title>bench</title>' });
    await page.goto(`${site.origin}/p.html`);
    const photos = [
      { name: '1080p', path: '/hd.jpg', bytes: await makePhoto(page, undefined, 1920, 1080) },
      { name: '12 MP', path: '/12mp.jpg', bytes: await makePhoto(page, undefined, 4000, 3000) },
    ];
    for (const p of photos) site.pages.set(p.path, { type: 'image/jpeg', body: p.bytes });
    await setProfile(s.worker, { provider: 'openai', baseUrl: `${provider.origin}/v1`, model: 'gpt-4o', apiKey: 'k' });
    const once = async (path: string, cold: boolean) => {
      // A click more than 5 s after the last, as when reading the answer in between (a burst opens it once).
      if (cold) await new Promise((r) => setTimeout(r, 5_100));
      if (cold) provider.dropConnections();
      await new Promise((r) => setTimeout(r, 200));
      provider.fake.requests = [];
      const { t0 } = await click(s.worker, page.url(), `${site.origin}${path}?n=${serial++}`);
      let req: Recorded | undefined;
      for (let i = 0; i < 1000 && !(req = provider.fake.providerRequests()[0]); i++) await new Promise((r) => setTimeout(r, 10));
      return { ms: req!.at - t0, warmed: provider.fake.requests.some((r) => r.method === 'HEAD') };
    };
    await once(photos[0]!.path, true);
    console.log(`\n## P2 on a cold HTTPS connection (HTTP/2, TLS, ${CONNECT_MS} ms to connect; OpenAI gpt-4o; median of ${RUNS}): click → request at the provider`);
    for (const p of photos) {
      const cold: number[] = [];
      const warm: number[] = [];
      let warmed = false;
      for (let i = 0; i < RUNS; i++) {
        const c = await once(p.path, true);
        cold.push(c.ms);
        warmed ||= c.warmed;
        warm.push((await once(p.path, false)).ms);
      }
      console.log(
        `${p.name.padEnd(6)} connection dropped before the click ${median(cold).toFixed(0)} ms | connection still open ${median(warm).toFixed(0)} ms | ` +
          `cost of the cold connection ${(median(cold) - median(warm)).toFixed(0)} ms${warmed ? ' (opened at the click)' : ' (not opened ahead)'}`,
      );
    }
  } finally {
    await s.close();
    provider.close();
    await site.stop();
  }
}
