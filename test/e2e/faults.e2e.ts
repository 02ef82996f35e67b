import { describe, expect, it } from 'vitest';
import { quadrants } from '../support/png';
import { ERROR_BODIES, FakeProvider, type Fault, type WireFormat } from '../support/fake-provider';
import { dbRows, inspectImage, menuClick, openPanel, poll, setProfile, type ProfileInput, type Session } from './harness';
import { suite } from './suite';

// The fault matrix over HTTP failures, once per wire format, against the built extension.
let s: Session;
let fake: FakeProvider;

const FORMATS: WireFormat[] = ['openai', 'anthropic', 'ollama'];
const MODEL: Record<WireFormat, string> = { openai: 'gpt-4o-mini', anthropic: 'claude-haiku-4-5', ollama: 'llava' };
const profileFor = (f: WireFormat): ProfileInput =>
  f === 'openai'
    ? { provider: 'openai', baseUrl: `${fake.origin}/v1`, apiKey: 'sk-test', model: MODEL.openai }
    : f === 'anthropic'
      ? { provider: 'anthropic', baseUrl: fake.origin, apiKey: 'sk-ant-test', model: MODEL.anthropic }
      : { provider: 'ollama', baseUrl: fake.origin, model: MODEL.ollama };
const status = (code: number, body: string, headers?: Record<string, string>, contentType?: string): Fault => ({ kind: 'status', status: code, body, headers, contentType });

suite({
  ready: (env) => ({ s, fake } = env),
  pages: (fake) => {
    fake.pages.set('/page.html', { type: 'text/html', body: '<!doctype html><title>Faults</title><img src="/q.png">' });
    fake.pages.set('/q.png', { type: 'image/png', body: quadrants(800, 400) });
  },
  each: async () => {
    // Keep the first tab: a browser with no window left may exit.
    for (const p of s.ctx.pages().slice(1)) await p.close();
  },
});

/** Sets the profile, opens the page and the panel, and runs Describe; returns the entry id and the panel. */
async function describeWith(f: WireFormat | ProfileInput) {
  await setProfile(s.worker, typeof f === 'string' ? profileFor(f) : f);
  const page = await s.ctx.newPage();
  await page.goto(`${fake.origin}/page.html`);
  const panel = await openPanel(s);
  const id = await menuClick(s.worker, page.url(), { menuItemId: 'describe', srcUrl: `${fake.origin}/q.png`, mediaType: 'image' });
  expect(id).toBeTruthy();
  return { id: id!, panel };
}

const entry = async (id: string) => (await dbRows(s.worker, 'entries')).find((e) => e.id === id);
const settled = (id: string, timeoutMs = 15_000) =>
  poll(async () => {
    const e = await entry(id);
    return e && e.status !== 'streaming' ? e : undefined;
  }, `entry ${id} to settle`, timeoutMs);

describe('401 / 403 → the key was rejected, no retry', () => {
  it.each(FORMATS)('%s 401', async (f) => {
    fake.faults = [status(401, ERROR_BODIES.auth401[f])];
    const { id, panel } = await describeWith(f);
    const e = await settled(id);
    expect(e).toMatchObject({ status: 'failed', error: { kind: 'auth', status: 401 } });
    expect(e.error.message).toContain('The API key was rejected');
    expect(fake.providerRequests()).toHaveLength(1);
    if (f === 'anthropic') await expect.poll(() => panel.getByTestId('error').first().textContent()).toContain('The API key was rejected (401)');
  });

  it.each(FORMATS)('%s 403 with a body', async (f) => {
    fake.faults = [status(403, ERROR_BODIES.auth403[f])];
    const { id } = await describeWith(f);
    const e = await settled(id);
    expect(e).toMatchObject({ status: 'failed', error: { kind: 'auth', status: 403 } });
    expect(fake.providerRequests()).toHaveLength(1);
  });
});

describe('404 model → "Model not found" with the models the provider offers', () => {
  it.each(FORMATS)('%s', async (f) => {
    fake.models = [`${f}-vision-a`, `${f}-vision-b`];
    fake.faults = [status(404, ERROR_BODIES.model404[f])];
    const { id, panel } = await describeWith(f);
    const e = await settled(id);
    expect(e).toMatchObject({ status: 'failed', error: { kind: 'not-found', status: 404, models: [`${f}-vision-a`, `${f}-vision-b`] } });
    expect(e.error.message).toContain(`Model not found (404): this provider has no model “${MODEL[f]}”`);
    expect(e.error.message).toContain(`Available models: ${f}-vision-a, ${f}-vision-b`);
    // The list came from each format's own endpoint.
    const listPath = { openai: '/v1/models', anthropic: '/v1/models', ollama: '/api/tags' }[f];
    expect(fake.requests.filter((r) => r.method === 'GET' && r.path === listPath)).toHaveLength(1);
    if (f === 'ollama') await expect.poll(() => panel.getByTestId('error').first().textContent()).toContain('ollama-vision-a, ollama-vision-b');
  });
});

describe('400 image rejected → the cause, in plain words', () => {
  it.each(['openai', 'ollama'] as const)('%s: the model takes no images → no-vision, not retried', async (f) => {
    fake.faults = [status(400, ERROR_BODIES.imageRejected400[f])];
    const { id, panel } = await describeWith(f);
    const e = await settled(id);
    expect(e).toMatchObject({ status: 'failed', error: { kind: 'no-vision', status: 400 } });
    expect(e.error.message).toContain("This model can't take images");
    expect(e.error.message).toContain('Choose a vision model');
    expect(fake.providerRequests()).toHaveLength(1);
    if (f === 'openai') await expect.poll(() => panel.getByTestId('error').first().textContent()).toContain("This model can't take images");
  });

  it('OpenAI-compatible (LM Studio) saying the model does not support images → no-vision', async () => {
    fake.faults = [status(400, ERROR_BODIES.imageRejected400.lmstudio)];
    const { id } = await describeWith({ provider: 'openai-compatible', baseUrl: `${fake.origin}/v1`, model: 'qwen2.5-7b-instruct-1m' });
    const e = await settled(id);
    expect(e).toMatchObject({ status: 'failed', error: { kind: 'no-vision' } });
    expect(e.error.message).toContain('Model does not support images');
  });

  it('anthropic: an unreadable image is re-encoded once; refused twice, the cause is named', async () => {
    fake.faults = [status(400, ERROR_BODIES.imageRejected400.anthropic), status(400, ERROR_BODIES.imageRejected400.anthropic)];
    const { id } = await describeWith('anthropic');
    const e = await settled(id);
    expect(e).toMatchObject({ status: 'failed', error: { kind: 'image-format', status: 400 } });
    expect(e.error.message).toContain('could not read the image');
    expect(e.error.message).toContain('sent it again as a 800×400 JPEG');
    const [first, second] = fake.providerRequests();
    expect(first!.body.messages[0].content[0].source.media_type).toBe('image/png');
    expect(second!.body.messages[0].content[0].source.media_type).toBe('image/jpeg');
  });

  it('a model known to read text only fails before anything is sent', async () => {
    const { id } = await describeWith({ provider: 'openai', baseUrl: `${fake.origin}/v1`, apiKey: 'sk-test', model: 'gpt-3.5-turbo' });
    const e = await settled(id);
    expect(e).toMatchObject({ status: 'failed', error: { kind: 'no-vision' } });
    expect(e.error.message).toContain('“gpt-3.5-turbo” reads text only');
    expect(fake.providerRequests()).toHaveLength(0);
  });
});

describe('413 → re-encoded smaller once, automatically', () => {
  it.each(FORMATS)('%s: the retry carries a JPEG at half the size and succeeds', async (f) => {
    fake.faults = [status(413, ERROR_BODIES.tooLarge413[f], {}, f === 'openai' ? 'text/html' : 'application/json')];
    const { id, panel } = await describeWith(f);
    const e = await settled(id);
    expect(e).toMatchObject({ status: 'done', text: 'Hello from the fake model.' });
    expect(e.notice).toContain('sent it again as a 400×200 JPEG');
    const [first, second] = fake.providerRequests();
    // The image as each format carries it: a data: URL, a base64 source block, raw base64.
    const bytesOf = (r: typeof first): Buffer =>
      Buffer.from(
        f === 'openai'
          ? (r!.body.messages.at(-1).content.find((p: any) => p.type === 'image_url').image_url.url as string).split(',')[1]!
          : f === 'anthropic'
            ? r!.body.messages[0].content[0].source.data
            : r!.body.messages.at(-1).images[0],
        'base64',
      );
    expect(bytesOf(first).subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(bytesOf(second).subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    if (f === 'openai') expect(second!.body.messages.at(-1).content[1].image_url.url).toMatch(/^data:image\/jpeg;base64,/);
    if (f === 'anthropic') expect(second!.body.messages[0].content[0].source.media_type).toBe('image/jpeg');
    const seen = await inspectImage(panel, `data:image/jpeg;base64,${bytesOf(second).toString('base64')}`, [[0.25, 0.25], [0.75, 0.75]]);
    expect([seen.width, seen.height]).toEqual([400, 200]);
    // JPEG is lossy: the quadrant colours survive within a small tolerance.
    expect(seen.px[0]![0]).toBeGreaterThan(240);
    expect(seen.px[1]![0]).toBeGreaterThan(240);
    expect(seen.px[1]![1]).toBeGreaterThan(240);
    expect(bytesOf(second).length).toBeLessThan(bytesOf(first).length);
  });

  it('openai: refused again after shrinking → failed, and the message says what was tried', async () => {
    fake.faults = [status(413, ERROR_BODIES.tooLarge413.openai, {}, 'text/html'), status(413, ERROR_BODIES.tooLarge413.openai, {}, 'text/html')];
    const { id, panel } = await describeWith('openai');
    const e = await settled(id);
    expect(e).toMatchObject({ status: 'failed', error: { kind: 'too-large', status: 413 } });
    expect(e.error.message).toContain('400×200 JPEG');
    expect(e.error.message).toContain('still too large');
    expect(fake.providerRequests()).toHaveLength(2);
    await expect.poll(() => panel.getByTestId('error').first().textContent()).toContain('Capture a region');
  });
});

describe('429 / 529 / 5xx → automatic, visible retry honouring retry-after', () => {
  it.each(FORMATS)('%s', async (f) => {
    const { status: code, body } = ERROR_BODIES.busy[f];
    // Ollama sends no retry-after: the first backoff step (2 s) applies.
    fake.faults = [status(code, body, f === 'ollama' ? {} : { 'retry-after': '1' })];
    const { id, panel } = await describeWith(f);
    const waiting = await poll(async () => {
      const e = await entry(id);
      return e?.retryAt ? e : undefined;
    }, 'retryAt while waiting');
    expect(waiting.status).toBe('streaming');
    expect(waiting.error.kind).toBe(f === 'openai' ? 'rate-limit' : 'server');
    if (f === 'openai') await expect.poll(() => panel.getByTestId('retrying').textContent()).toMatch(/Retrying in \d s/);
    const e = await settled(id);
    expect(e).toMatchObject({ status: 'done', text: 'Hello from the fake model.' });
    expect(e.retryAt).toBeUndefined();
    expect(e.error).toBeUndefined();
    const [first, second] = fake.providerRequests();
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(f === 'ollama' ? 1950 : 950);
  });

  it('openai: gives up after the cap of 4 attempts and says so', async () => {
    fake.faults = Array.from({ length: 5 }, () => status(500, ERROR_BODIES.server500.openai, { 'retry-after': '0.3' }));
    const { id } = await describeWith('openai');
    const e = await settled(id);
    expect(e).toMatchObject({ status: 'failed', error: { kind: 'server', status: 500 } });
    expect(e.error.message).toContain('Glimpse tried 4 times');
    expect(fake.providerRequests()).toHaveLength(4);
  });

  it('anthropic: a retry-after beyond the cap fails at once instead of waiting', async () => {
    fake.faults = [status(429, JSON.stringify({ type: 'error', error: { type: 'rate_limit_error', message: 'Number of request tokens has exceeded your per-minute rate limit' } }), { 'retry-after': '600' })];
    const { id } = await describeWith('anthropic');
    const e = await settled(id);
    expect(e).toMatchObject({ status: 'failed', error: { kind: 'rate-limit' } });
    expect(e.error.message).toContain('asks to wait 600 s');
    expect(fake.providerRequests()).toHaveLength(1);
  });
});

describe('quota used up → no retry, said plainly', () => {
  it.each(['openai', 'anthropic'] as const)('%s', async (f) => {
    fake.faults = [status(429, ERROR_BODIES.quota429[f], { 'retry-after': '1' })];
    const { id, panel } = await describeWith(f);
    const e = await settled(id);
    expect(e).toMatchObject({ status: 'failed', error: { kind: 'quota', status: 429 } });
    expect(e.error.message).toContain('quota or spend limit');
    expect(e.error.message).toContain('used up');
    await new Promise((r) => setTimeout(r, 1200)); // longer than retry-after: still one request
    expect(fake.providerRequests()).toHaveLength(1);
    if (f === 'anthropic') await expect.poll(() => panel.getByTestId('error').first().textContent()).toContain('used up');
  });
});

describe('offline / unreachable → said plainly, nothing queued', () => {
  const RED = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAEElEQVR4nGP4z8AARwzEcQCukw/x0F8jngAAAABJRU5ErkJggg==';

  it.each(FORMATS)('%s while the browser is offline', async (f) => {
    await setProfile(s.worker, profileFor(f));
    const page = await s.ctx.newPage();
    await page.goto(`${fake.origin}/page.html`);
    const panel = await openPanel(s);
    await s.ctx.setOffline(true);
    try {
      const id = (await menuClick(s.worker, page.url(), { menuItemId: 'describe', srcUrl: RED, mediaType: 'image' }))!;
      const e = await settled(id);
      expect(e).toMatchObject({ status: 'failed', error: { kind: 'network' } });
      expect(e.error.message).toContain('You appear to be offline');
      if (f === 'openai') await expect.poll(() => panel.getByTestId('error').first().textContent()).toContain('offline');
    } finally {
      await s.ctx.setOffline(false);
    }
    await new Promise((r) => setTimeout(r, 1500)); // back online: nothing was queued to go out now
    expect(fake.providerRequests()).toHaveLength(0);
  });

  it.each(FORMATS)('%s server not running → "Could not reach" with the URL', async (f) => {
    const gone = await new FakeProvider().start();
    await gone.stop();
    const p = profileFor(f);
    const { id } = await describeWith({ ...p, baseUrl: p.baseUrl.replace(fake.origin, gone.origin) });
    const e = await settled(id);
    expect(e).toMatchObject({ status: 'failed', error: { kind: 'network' } });
    expect(e.error.message).toContain(`Could not reach ${gone.origin}`);
  });
});

describe('cost', () => {
  it.each(['openai', 'anthropic'] as const)('%s: the estimate is stored before sending and the cost from usage after', async (f) => {
    const { id } = await describeWith(f);
    const e = await settled(id);
    expect(e.status).toBe('done');
    // 800×400 image: gpt-4o-mini tiles (2833 + 5667·2), Claude 28-px patches (29·15).
    expect(e.estimate).toMatchObject({ imageTokens: f === 'openai' ? 14167 : 435, local: false, pricesAsOf: expect.any(String) });
    expect(e.estimate.usd).toBeGreaterThan(0);
    const expected = f === 'openai' ? (812 * 0.15 + 4 * 0.6) / 1e6 : (1234 * 1 + 42 * 5) / 1e6;
    expect(e.cost.usd).toBeCloseTo(expected, 12);
  });
});
