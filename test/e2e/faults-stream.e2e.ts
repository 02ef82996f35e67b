import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Worker } from 'playwright-core';
import { quadrants } from '../support/png';
import { FakeProvider, type WireFormat } from '../support/fake-provider';
import { dbRows, launch, liveWorker, menuClick, openPanel, poll, setProfile, type ProfileInput, type Session } from './harness';

// The fault matrix after HTTP 200: errors and drops mid-stream, no first byte, Stop, a killed worker.
let s: Session;
let fake: FakeProvider;
/** The live worker: the kill tests replace it. */
let w: Worker;

const FORMATS: WireFormat[] = ['openai', 'anthropic', 'ollama'];
const profileFor = (f: WireFormat): ProfileInput =>
  f === 'openai'
    ? { provider: 'openai', baseUrl: `${fake.origin}/v1`, apiKey: 'sk-test', model: 'gpt-4o-mini' }
    : f === 'anthropic'
      ? { provider: 'anthropic', baseUrl: fake.origin, apiKey: 'sk-ant-test', model: 'claude-haiku-4-5' }
      : { provider: 'ollama', baseUrl: fake.origin, model: 'llava' };
/** The stream line after which two text chunks ("Hello", " from") have gone out, per format. */
const AFTER_TWO_CHUNKS: Record<WireFormat, number> = { openai: 2, anthropic: 4, ollama: 1 };

beforeAll(async () => {
  fake = await new FakeProvider().start();
  fake.pages.set('/page.html', { type: 'text/html', body: '<!doctype html><title>Faults</title><img src="/q.png">' });
  fake.pages.set('/q.png', { type: 'image/png', body: quadrants(320, 240) });
  s = await launch();
  w = s.worker;
});
afterAll(async () => {
  await s?.close();
  await fake?.stop();
});
beforeEach(async () => {
  fake.release();
  fake.reset();
  for (const p of s.ctx.pages().slice(1)) await p.close();
});

async function describeWith(f: WireFormat) {
  await setProfile(w, profileFor(f));
  const page = await s.ctx.newPage();
  await page.goto(`${fake.origin}/page.html`);
  const panel = await openPanel(s);
  await panel.getByTestId('history').waitFor();
  const id = (await menuClick(w, page.url(), { menuItemId: 'describe', srcUrl: `${fake.origin}/q.png`, mediaType: 'image' }))!;
  expect(id).toBeTruthy();
  return { id, panel };
}
const entry = async (id: string) => (await dbRows(w, 'entries')).find((e) => e.id === id);
/** The answer Retry created after entry `e`, once it is done. */
const retriedAfter = (e: any) =>
  poll(async () => (await dbRows(w, 'entries')).find((x) => x.threadId === e.threadId && x.createdAt > e.createdAt && x.status === 'done'), 'the retried answer');
const until = (id: string, what: string, ok: (e: any) => boolean, timeoutMs?: number) =>
  poll(async () => {
    const e = await entry(id);
    return e && ok(e) ? e : undefined;
  }, what, timeoutMs);

describe('an error event after HTTP 200 → partial kept, failed, Retry works', () => {
  it.each(FORMATS)('%s', async (f) => {
    fake.faults = [{ kind: 'midstream-error', afterLine: AFTER_TWO_CHUNKS[f] }];
    const { id, panel } = await describeWith(f);
    const e = await until(id, 'failed', (e) => e.status === 'failed');
    expect(e.text).toBe('Hello from');
    expect(e.error.kind).toBe('stream');
    expect(e.error.message).toContain('The provider reported an error during the answer');
    expect(e.error.message).toContain('The partial answer is kept');
    expect(fake.providerRequests()).toHaveLength(1);
    const card = panel.getByTestId('answer').first();
    await expect.poll(() => card.getByTestId('error').textContent()).toContain('partial answer is kept');
    await card.getByRole('button', { name: 'Retry' }).click();
    expect((await retriedAfter(e)).text).toBe('Hello from the fake model.');
    expect(fake.providerRequests()).toHaveLength(2);
  });
});

describe('the connection dropped mid-stream → partial kept, failed, Retry works', () => {
  it.each(FORMATS)('%s', async (f) => {
    fake.faults = [{ kind: 'drop', afterLine: AFTER_TWO_CHUNKS[f] }];
    const { id, panel } = await describeWith(f);
    const e = await until(id, 'failed', (e) => e.status === 'failed');
    expect(e.text).toBe('Hello from');
    expect(e.error).toMatchObject({ kind: 'stream' });
    expect(e.error.message).toContain('The connection dropped while the answer was streaming');
    const card = panel.getByTestId('answer').first();
    await expect.poll(() => card.getByTestId('error').textContent()).toContain('connection dropped');
    await card.getByRole('button', { name: 'Retry' }).click();
    expect((await retriedAfter(e)).text).toBe('Hello from the fake model.');
    expect(fake.providerRequests()).toHaveLength(2);
  });
});

describe('no first byte → the worker is kept alive, the wait is said, Stop works', () => {
  beforeAll(() => w.evaluate(() => void ((globalThis as any).__glimpseTiming = { pingMs: 200, slowFirstTokenMs: 1000 })));
  afterAll(() => w.evaluate(() => void delete (globalThis as any).__glimpseTiming));

  it.each(FORMATS)('%s', async (f) => {
    fake.faults = [{ kind: 'hang' }];
    const pingsBefore = await w.evaluate(() => (globalThis as any).__glimpseKeepAlive?.pings ?? 0);
    const { id, panel } = await describeWith(f);
    const e = await until(id, 'the slow notice', (e) => !!e.notice);
    expect(e.status).toBe('streaming');
    expect(e.notice).toContain('No answer yet after 1 s');
    expect(e.notice).toContain('Press Stop');
    // Pinging every 200 ms while the request hangs (25 s in production).
    await expect.poll(() => w.evaluate(() => (globalThis as any).__glimpseKeepAlive.pings)).toBeGreaterThan(pingsBefore + 3);
    expect(await w.evaluate(() => (globalThis as any).__glimpseKeepAlive.active)).toBeGreaterThan(0);
    expect((await entry(id)).status).toBe('streaming');
    await panel.getByTestId('answer').first().getByRole('button', { name: 'Stop' }).click();
    const stopped = await until(id, 'stopped', (e) => e.status === 'stopped');
    expect(stopped.text).toBe('');
    expect(stopped.notice).toBeUndefined();
    await expect.poll(() => w.evaluate(() => (globalThis as any).__glimpseKeepAlive.active)).toBe(0);
    expect(fake.providerRequests()).toHaveLength(1);
  });
});

describe('Stop mid-stream → aborted, partial kept, stopped', () => {
  it.each(FORMATS)('%s', async (f) => {
    fake.plan = { chunks: ['Half', ' an', ' answer', ' lost?'], holdBeforeLast: true };
    const { id, panel } = await describeWith(f);
    await until(id, 'partial text', (e) => e.text === 'Half an answer');
    await panel.getByTestId('answer').first().getByRole('button', { name: 'Stop' }).click();
    const e = await until(id, 'stopped', (e) => e.status === 'stopped');
    expect(e.text).toBe('Half an answer');
    expect(e.error).toBeUndefined();
    await expect.poll(() => panel.getByTestId('answer').first().getAttribute('data-status')).toBe('stopped');
  });
});

// Last: each kill replaces the worker.
describe('the service worker killed mid-stream → interrupted, partial kept, Retry works', () => {
  it.each(['anthropic', 'ollama'] as const)('%s', async (f) => {
    fake.plan = { chunks: ['Partial', ' answer', ' kept.', ' never-sent'], holdBeforeLast: true };
    const { id, panel } = await describeWith(f);
    await until(id, 'partial text', (e) => e.text === 'Partial answer kept.');
    await panel.close();
    const cdp = await s.ctx.browser()!.newBrowserCDPSession();
    const { targetInfos } = await cdp.send('Target.getTargets');
    const sw = targetInfos.find((t: any) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${s.extId}/`));
    expect(sw).toBeTruthy();
    await cdp.send('Target.closeTarget', { targetId: sw!.targetId });
    await cdp.detach();

    const again = await openPanel(s); // wakes the worker, which marks the orphan on start
    w = await liveWorker(s.ctx);
    const e = await until(id, 'interrupted', (e) => e.status === 'interrupted');
    expect(e.text).toBe('Partial answer kept.');
    expect(e.error.kind).toBe('interrupted');
    fake.release();
    fake.plan = { chunks: ['Full', ' answer.'] };
    const card = again.getByTestId('answer').first();
    await expect.poll(() => card.getAttribute('data-status')).toBe('interrupted');
    await card.getByRole('button', { name: 'Retry' }).click();
    expect((await retriedAfter(e)).text).toBe('Full answer.');
    expect(fake.providerRequests().at(-1)!.path).toBe(f === 'anthropic' ? '/v1/messages' : '/api/chat');
  });
});
