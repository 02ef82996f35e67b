import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { db, type Entry } from '../../../utils/store/db';
import { isRunning, markInterrupted, MAX_TOKENS, startAnswer, stopAnswer, STRUCTURED_MAX_TOKENS } from '../../../utils/jobs/answer';
import { SYSTEM_PROMPT } from '../../../utils/settings/presets';
import { saveProfile, type Profile } from '../../../utils/settings/items';
import { RED_PNG, RED_PNG_BASE64, sendJson, sseData, sseFrames, startWireServer, wireFixture, writeSlowly, type WireServer } from '../helpers/wire-server';

const RECORDED = wireFixture('openai-chat-completions.sse');
const FRAMES = sseFrames(RECORDED);
const FULL_TEXT = 'A red square on a white café table — nothing else.';
const SSE = { 'content-type': 'text/event-stream' };

let server: WireServer;
const started: string[] = [];

const profile = (): Profile => ({
  id: 'p-local',
  name: 'LM Studio',
  provider: 'openai-compatible',
  baseUrl: `${server.url}/v1`,
  apiKey: 'lm-key',
  model: 'qwen2.5-vl-7b',
});

async function seedThread(): Promise<string> {
  const now = Date.now();
  await db.images.add({
    id: 'img-1', createdAt: now, mime: 'image/png', bytes: RED_PNG, width: 4, height: 4,
    original: { mime: 'image/png', width: 4, height: 4, byteLength: RED_PNG.length }, thumb: '', notes: [],
    source: { method: 'paste' },
  });
  await db.threads.add({ id: 'th-1', imageId: 'img-1', createdAt: now, updatedAt: now, presetId: 'describe', title: 'Describe image' });
  return 'th-1';
}

async function start(prompt = 'Describe this image.'): Promise<string> {
  const id = await startAnswer({ threadId: 'th-1', presetId: 'describe', prompt });
  started.push(id);
  return id;
}

/** Waits until the background job has let go of the entry, then returns the stored row. */
async function finished(id: string): Promise<Entry> {
  await vi.waitFor(() => expect(isRunning(id)).toBe(false), { timeout: 8000, interval: 10 });
  return (await db.entries.get(id))!;
}

/** A gate the fake server waits on, so the test can look at the db mid-stream. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

describe('startAnswer with a fake OpenAI-compatible server', () => {
  beforeAll(async () => {
    server = await startWireServer();
  });
  afterAll(() => server.close());

  beforeEach(async () => {
    fakeBrowser.reset();
    // keepalive.ts pings this every 25 s; fakeBrowser does not implement it.
    vi.spyOn(fakeBrowser.runtime, 'getPlatformInfo').mockResolvedValue({ os: 'linux', arch: 'x86-64' } as never);
    await Promise.all([db.threads.clear(), db.entries.clear(), db.images.clear()]);
    server.requests.length = 0;
    await seedThread();
  });

  afterEach(async () => {
    for (const id of started.splice(0)) {
      stopAnswer(id);
      await vi.waitFor(() => expect(isRunning(id)).toBe(false), { timeout: 5000 });
    }
  });

  it('streams into the entry and ends done with the full text and usage', async () => {
    await saveProfile(profile());
    server.handle((_r, res) => {
      res.writeHead(200, SSE);
      res.end(RECORDED);
    });
    const id = await start();
    const entry = await finished(id);
    expect(entry).toMatchObject({
      status: 'done', text: FULL_TEXT, usage: { inputTokens: 1114, outputTokens: 12 },
      provider: 'openai-compatible', model: 'qwen2.5-vl-7b', profileName: 'LM Studio', prompt: 'Describe this image.',
    });
    expect(entry.error).toBeUndefined();
    const body = server.requests[0]!.body;
    expect(server.requests[0]!.path).toBe('/v1/chat/completions');
    expect(body.messages[0]).toEqual({ role: 'system', content: SYSTEM_PROMPT });
    expect(body.messages[1].content).toEqual([
      { type: 'text', text: 'Describe this image.' },
      { type: 'image_url', image_url: { url: `data:image/png;base64,${RED_PNG_BASE64}` } },
    ]);
  });

  it('refuses to send a key saved for another endpoint: nothing reaches the server, the entry says why', async () => {
    await saveProfile({ ...profile(), keyFor: 'openai https://api.openai.com' });
    server.handle((_r, res) => {
      res.writeHead(200, SSE);
      res.end(RECORDED);
    });
    const entry = await finished(await start());
    expect(server.requests).toHaveLength(0);
    expect(entry.status).toBe('failed');
    expect(entry.error).toMatchObject({ kind: 'auth', message: expect.stringContaining('saved for https://api.openai.com') });
    // The same request goes out once the key is bound to this server.
    await saveProfile({ ...profile(), keyFor: `openai-compatible ${server.url}` });
    expect((await finished(await start())).status).toBe('done');
    expect(server.requests[0]!.headers.authorization).toBe('Bearer lm-key');
  });

  it('refuses a request above the per-request token budget, before anything is sent', async () => {
    await saveProfile(profile());
    const entry = await finished(await start('x'.repeat(4 * 60_000)));
    expect(server.requests).toHaveLength(0);
    expect(entry).toMatchObject({ status: 'failed', error: { message: expect.stringContaining('nothing was sent') } });
  });

  it('sends an output-token limit: 4096 for a description, 16384 for a table (so a large one is not cut)', async () => {
    await saveProfile(profile());
    server.handle((_r, res) => {
      res.writeHead(200, SSE);
      res.end(RECORDED);
    });
    await finished(await start());
    const table = await startAnswer({ threadId: 'th-1', presetId: 'table', prompt: 'Extract the table.' });
    started.push(table);
    await finished(table);
    expect(server.requests.length).toBeGreaterThanOrEqual(2);
    expect(server.requests.map((r) => r.body.max_completion_tokens)).toEqual([MAX_TOKENS, STRUCTURED_MAX_TOKENS, STRUCTURED_MAX_TOKENS].slice(0, server.requests.length));
    expect([MAX_TOKENS, STRUCTURED_MAX_TOKENS]).toEqual([4096, 16_384]);
  });

  it('persists the partial text while the answer is still streaming', async () => {
    await saveProfile(profile());
    const pause = gate();
    server.handle(async (_r, res) => {
      res.writeHead(200, SSE);
      await writeSlowly(res, FRAMES.slice(0, 3)); // role, "A", " red"
      await pause.opened;
      res.end(FRAMES.slice(3).join(''));
    });
    const id = await start();
    await vi.waitFor(
      async () => expect(await db.entries.get(id)).toMatchObject({ status: 'streaming', text: 'A red' }),
      { timeout: 5000, interval: 10 },
    );
    pause.open();
    expect(await finished(id)).toMatchObject({ status: 'done', text: FULL_TEXT });
  });

  it('stopAnswer marks the entry stopped and keeps the partial text', async () => {
    await saveProfile(profile());
    server.handle(async (_r, res) => {
      res.writeHead(200, SSE);
      await writeSlowly(res, FRAMES.slice(0, 3)); // then hangs
    });
    const id = await start();
    await vi.waitFor(async () => expect((await db.entries.get(id))?.text).toBe('A red'), { timeout: 5000, interval: 10 });
    expect(stopAnswer(id)).toBe(true);
    const entry = await finished(id);
    expect(entry.status).toBe('stopped');
    expect(entry.text).toBe('A red');
    expect(stopAnswer(id)).toBe(false);
  });

  it('a 429 with retry-after: 1 is retried after the wait, then ends done', async () => {
    await saveProfile(profile());
    server.handle((_r, res, n) => {
      if (n === 1) {
        sendJson(res, 429, { error: { message: 'Rate limit reached', type: 'requests', param: null, code: 'rate_limit_exceeded' } }, { 'retry-after': '1' });
        return;
      }
      res.writeHead(200, SSE);
      res.end(RECORDED);
    });
    const t0 = Date.now();
    const id = await start();
    // While waiting, the entry tells the user when it will retry and why.
    const waiting = await vi.waitFor(
      async () => {
        const e = await db.entries.get(id);
        expect(e?.retryAt).toBeGreaterThan(0);
        return e!;
      },
      { timeout: 3000, interval: 10 },
    );
    expect(waiting.error?.kind).toBe('rate-limit');
    const entry = await finished(id);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950);
    expect(server.requests).toHaveLength(2);
    expect(entry).toMatchObject({ status: 'done', text: FULL_TEXT });
    expect(entry.retryAt).toBeUndefined();
    expect(entry.error).toBeUndefined();
  });

  it('a 401 fails at once with kind auth and is not retried', async () => {
    await saveProfile(profile());
    server.handle((_r, res) =>
      sendJson(res, 401, { error: { message: 'Incorrect API key provided', type: 'invalid_request_error', param: null, code: 'invalid_api_key' } }),
    );
    const entry = await finished(await start());
    expect(entry.status).toBe('failed');
    expect(entry.error).toMatchObject({ kind: 'auth', status: 401 });
    expect(server.requests).toHaveLength(1);
  });

  it('an error mid-stream fails the entry but keeps the text already received', async () => {
    await saveProfile(profile());
    server.handle(async (_r, res) => {
      res.writeHead(200, SSE);
      await writeSlowly(res, [...FRAMES.slice(0, 4), sseData({ error: { message: 'overloaded', type: 'server_error' } })]);
      res.end();
    });
    const entry = await finished(await start());
    expect(entry.status).toBe('failed');
    expect(entry.text).toBe('A red square');
    expect(entry.error?.kind).toBe('stream');
    expect(server.requests).toHaveLength(1);
  });

  it('with no profile the entry is failed with kind no-provider and nothing is sent', async () => {
    const id = await startAnswer({ threadId: 'th-1', presetId: 'describe', prompt: 'Describe this image.' });
    const entry = (await db.entries.get(id))!;
    expect(entry.status).toBe('failed');
    expect(entry.error?.kind).toBe('no-provider');
    expect(entry.error?.message).toMatch(/Options/);
    expect(isRunning(id)).toBe(false);
    expect(server.requests).toHaveLength(0);
  });

  it('markInterrupted turns orphan streaming rows into interrupted, keeping their text, and leaves live ones alone', async () => {
    await saveProfile(profile());
    server.handle(async (_r, res) => {
      res.writeHead(200, SSE);
      await writeSlowly(res, FRAMES.slice(0, 2)); // then hangs
    });
    const live = await start();
    const now = Date.now();
    await db.entries.add({
      id: 'orphan', threadId: 'th-1', createdAt: now - 1000, updatedAt: now - 1000, presetId: 'describe',
      prompt: 'Describe this image.', status: 'streaming', text: 'Half an ans', retryAt: now + 5000,
    });
    expect(await markInterrupted()).toBe(1);
    const orphan = (await db.entries.get('orphan'))!;
    expect(orphan.status).toBe('interrupted');
    expect(orphan.text).toBe('Half an ans');
    expect(orphan.retryAt).toBeUndefined();
    expect(orphan.error?.kind).toBe('interrupted');
    expect((await db.entries.get(live))!.status).toBe('streaming');
  });
});
