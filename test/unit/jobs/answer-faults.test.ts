import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { db, type Entry } from '../../../utils/store/db';
import { reencodeJpeg } from '../../../utils/image/reencode';
import { isRunning, MAX_ATTEMPTS, startAnswer, stopAnswer } from '../../../utils/jobs/answer';
import { saveProfile, type Profile } from '../../../utils/settings/items';
import { RED_PNG, sendJson, startWireServer, wireFixture, type WireServer } from '../helpers/wire-server';

// Node has no OffscreenCanvas: the re-encode is faked here and exercised for real in the e2e matrix.
vi.mock('../../../utils/image/reencode', () => ({
  reencodeJpeg: vi.fn(async () => ({ mime: 'image/jpeg', bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), width: 2, height: 2 })),
}));
// Shorter than production so the slow-first-token notice shows within a test.
vi.mock('../../../utils/jobs/keepalive', async (original) => ({
  ...(await original<typeof import('../../../utils/jobs/keepalive')>()),
  timing: () => ({ pingMs: 25_000, slowFirstTokenMs: 150 }),
}));

const RECORDED = wireFixture('openai-chat-completions.sse');
const SSE = { 'content-type': 'text/event-stream' };
const JPEG_B64 = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]).toString('base64');
let server: WireServer;
const started: string[] = [];

const profile = (over: Partial<Profile> = {}): Profile => ({
  id: 'p1', name: 'OpenAI', provider: 'openai', baseUrl: `${server.url}/v1`, apiKey: 'sk-x', model: 'gpt-4o', ...over,
});
const chats = () => server.requests.filter((r) => r.path === '/v1/chat/completions');
const imageUrl = (n: number) => chats()[n]!.body.messages.at(-1).content[1].image_url.url as string;

async function start(): Promise<string> {
  const id = await startAnswer({ threadId: 'th-1', presetId: 'describe', prompt: 'Describe this image.' });
  started.push(id);
  return id;
}
async function finished(id: string): Promise<Entry> {
  await vi.waitFor(() => expect(isRunning(id)).toBe(false), { timeout: 8000, interval: 10 });
  return (await db.entries.get(id))!;
}
const ok = (res: Parameters<Parameters<WireServer['handle']>[0]>[1]) => {
  res.writeHead(200, SSE);
  res.end(RECORDED);
};

describe('startAnswer: the fault matrix at the job layer', () => {
  beforeAll(async () => {
    server = await startWireServer();
  });
  afterAll(() => server.close());
  beforeEach(async () => {
    fakeBrowser.reset();
    vi.spyOn(fakeBrowser.runtime, 'getPlatformInfo').mockResolvedValue({ os: 'linux', arch: 'x86-64' } as never);
    vi.mocked(reencodeJpeg).mockClear();
    await Promise.all([db.threads.clear(), db.entries.clear(), db.images.clear()]);
    server.requests.length = 0;
    const now = Date.now();
    await db.images.add({
      id: 'img-1', createdAt: now, mime: 'image/png', bytes: RED_PNG, width: 4, height: 4,
      original: { mime: 'image/png', width: 4, height: 4, byteLength: RED_PNG.length }, thumb: '', notes: [], source: { method: 'paste' },
    });
    await db.threads.add({ id: 'th-1', imageId: 'img-1', createdAt: now, updatedAt: now, presetId: 'describe', title: 'Describe image' });
  });
  afterEach(async () => {
    for (const id of started.splice(0)) {
      stopAnswer(id);
      await vi.waitFor(() => expect(isRunning(id)).toBe(false), { timeout: 5000 });
    }
  });

  it('404: the error names the model and lists the ones the provider has', async () => {
    await saveProfile(profile({ model: 'gpt-9' }));
    server.handle((r, res) => {
      if (r.method === 'GET') return sendJson(res, 200, { object: 'list', data: [{ id: 'gpt-4o', object: 'model', created: 0, owned_by: 'openai' }, { id: 'gpt-4o-mini', object: 'model', created: 0, owned_by: 'openai' }] });
      sendJson(res, 404, { error: { message: 'The model `gpt-9` does not exist or you do not have access to it.', type: 'invalid_request_error', param: null, code: 'model_not_found' } });
    });
    const e = await finished(await start());
    expect(e).toMatchObject({ status: 'failed', error: { kind: 'not-found', status: 404, models: ['gpt-4o', 'gpt-4o-mini'] } });
    expect(e.error!.message).toBe('Model not found (404): this provider has no model “gpt-9”. Available models: gpt-4o, gpt-4o-mini. Choose one in Options.');
  });

  it('404 on a retired model: the error says it was retired, names the successor, and lists the models there are', async () => {
    await saveProfile(profile({ model: 'gpt-4.1-nano' }));
    server.handle((r, res) => {
      if (r.method === 'GET') return sendJson(res, 200, { object: 'list', data: [{ id: 'gpt-6-luna', object: 'model', created: 0, owned_by: 'openai' }] });
      sendJson(res, 404, { error: { message: 'The model `gpt-4.1-nano` has been deprecated.', type: 'invalid_request_error', param: null, code: 'model_not_found' } });
    });
    const e = await finished(await start());
    expect(e).toMatchObject({ status: 'failed', error: { kind: 'not-found', models: ['gpt-6-luna'] } });
    expect(e.error!.message).toBe(
      '“gpt-4.1-nano” was retired on 2026-10-23: its provider no longer answers it, or answers with another model. Its successor is gpt-6-luna. ' +
        'Model not found (404): this provider has no model “gpt-4.1-nano”. Available models: gpt-6-luna. Choose one in Options.',
    );
  });

  it('404 when the model list cannot be fetched either: the plain message, no list', async () => {
    await saveProfile(profile({ model: 'gpt-9' }));
    server.handle((_r, res) => sendJson(res, 404, { error: { message: 'Not found', type: 'invalid_request_error', param: null, code: null } }));
    const e = await finished(await start());
    expect(e.error).toMatchObject({ kind: 'not-found' });
    expect(e.error!.models).toBeUndefined();
    expect(e.error!.message).toContain('Check the model name and Base URL');
  });

  it('a known text-only model fails at once with no-vision and sends nothing', async () => {
    await saveProfile(profile({ model: 'gpt-3.5-turbo' }));
    server.handle((_r, res) => ok(res));
    const id = await startAnswer({ threadId: 'th-1', presetId: 'describe', prompt: 'Describe this image.' });
    const e = (await db.entries.get(id))!;
    expect(e).toMatchObject({ status: 'failed', error: { kind: 'no-vision' } });
    expect(isRunning(id)).toBe(false);
    expect(server.requests).toHaveLength(0);
  });

  it('413: re-encoded once at half size, JPEG q 0.7, and sent again; the notice says so', async () => {
    await saveProfile(profile());
    server.handle((_r, res, n) => (n === 1 ? sendJson(res, 413, '<html><body>413 Request Entity Too Large</body></html>') : ok(res)));
    const e = await finished(await start());
    expect(e.status).toBe('done');
    expect(vi.mocked(reencodeJpeg)).toHaveBeenCalledWith(RED_PNG, 'image/png', 0.5, 0.7);
    expect(imageUrl(0)).toMatch(/^data:image\/png;base64,/);
    expect(imageUrl(1)).toBe(`data:image/jpeg;base64,${JPEG_B64}`);
    expect(e.notice).toBe('The provider refused the image (too large), so Glimpse sent it again as a 2×2 JPEG (1 KB).');
  });

  it('413 twice: failed with too-large, saying what was already tried', async () => {
    await saveProfile(profile());
    server.handle((_r, res) => sendJson(res, 413, { error: { message: 'Request Entity Too Large', type: 'invalid_request_error', param: null, code: null } }));
    const e = await finished(await start());
    expect(e).toMatchObject({ status: 'failed', error: { kind: 'too-large', status: 413 } });
    expect(e.error!.message).toContain('sent it again as a 2×2 JPEG');
    expect(e.error!.message).toContain('still too large');
    expect(chats()).toHaveLength(2);
    expect(vi.mocked(reencodeJpeg)).toHaveBeenCalledTimes(1);
  });

  it('an unreadable image is re-encoded at full size (scale 1)', async () => {
    await saveProfile(profile());
    server.handle((_r, res, n) =>
      n === 1 ? sendJson(res, 400, { error: { message: 'You uploaded an unsupported image. Please make sure your image is valid.', type: 'invalid_request_error', param: null, code: 'invalid_image_format' } }) : ok(res),
    );
    expect((await finished(await start())).status).toBe('done');
    expect(vi.mocked(reencodeJpeg)).toHaveBeenCalledWith(RED_PNG, 'image/png', 1, 0.7);
  });

  it('429 insufficient_quota is not retried, even with retry-after', async () => {
    await saveProfile(profile());
    server.handle((_r, res) =>
      sendJson(res, 429, { error: { message: 'You exceeded your current quota, please check your plan and billing details.', type: 'insufficient_quota', param: null, code: 'insufficient_quota' } }, { 'retry-after': '0' }),
    );
    const e = await finished(await start());
    expect(e.error).toMatchObject({ kind: 'quota', status: 429 });
    expect(chats()).toHaveLength(1);
  });

  it('a retry-after longer than the cap fails at once and says why', async () => {
    await saveProfile(profile());
    server.handle((_r, res) => sendJson(res, 429, { error: { message: 'Rate limit reached', type: 'requests', param: null, code: 'rate_limit_exceeded' } }, { 'retry-after': '120' }));
    const e = await finished(await start());
    expect(e.error!.message).toContain('asks to wait 120 s; Glimpse does not wait that long');
    expect(chats()).toHaveLength(1);
  });

  it(`server errors are retried up to ${MAX_ATTEMPTS} requests in all, then fail saying so`, async () => {
    await saveProfile(profile());
    server.handle((_r, res) => sendJson(res, 503, { error: { message: 'Service Unavailable', type: 'server_error', param: null, code: null } }, { 'retry-after-ms': '20' }));
    const e = await finished(await start());
    expect(e).toMatchObject({ status: 'failed', error: { kind: 'server', status: 503 } });
    expect(e.error!.message).toContain(`Glimpse tried ${MAX_ATTEMPTS} times`);
    expect(chats()).toHaveLength(MAX_ATTEMPTS);
  });

  it('Stop during the wait before a retry ends the entry as stopped, with no second request', async () => {
    await saveProfile(profile());
    server.handle((_r, res) => sendJson(res, 429, { error: { message: 'Rate limit reached', type: 'requests', param: null, code: 'rate_limit_exceeded' } }, { 'retry-after': '5' }));
    const id = await start();
    await vi.waitFor(async () => expect((await db.entries.get(id))?.retryAt).toBeGreaterThan(Date.now()), { timeout: 3000, interval: 10 });
    stopAnswer(id);
    const e = await finished(id);
    expect(e.status).toBe('stopped');
    expect(e.retryAt).toBeUndefined();
    expect(chats()).toHaveLength(1);
  });

  it('a slow first token is said while waiting, and the notice goes when text arrives', async () => {
    await saveProfile(profile());
    server.handle(async (_r, res) => {
      await new Promise((r) => setTimeout(r, 500));
      ok(res);
    });
    const id = await start();
    await vi.waitFor(async () => expect((await db.entries.get(id))?.notice).toContain('No answer yet after 0 s'), { timeout: 3000, interval: 10 });
    expect((await db.entries.get(id))!.status).toBe('streaming');
    const e = await finished(id);
    expect(e.status).toBe('done');
    expect(e.notice).toBeUndefined();
  });

  it('stores the estimate before sending and the cost from the reported usage', async () => {
    await saveProfile(profile({ model: 'gpt-4o', detail: 'low' }));
    let estimateAtRequest: Entry['estimate'];
    server.handle(async (_r, res) => {
      estimateAtRequest = (await db.entries.toArray())[0]?.estimate;
      ok(res);
    });
    const e = await finished(await start());
    expect(estimateAtRequest).toMatchObject({ imageTokens: 85, local: false });
    expect(e.estimate!.usd).toBeGreaterThan(0);
    // The recorded fixture reports 1114 prompt and 12 completion tokens; gpt-4o is $2.50 / $10 per 1M.
    expect(e.cost!.usd).toBeCloseTo((1114 * 2.5 + 12 * 10) / 1e6, 12);
  });
});
