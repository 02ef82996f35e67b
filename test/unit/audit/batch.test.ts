import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runBatch, type BatchOptions, type Failure } from '../../../utils/audit/batch';

class Busy extends Error {
  constructor(readonly afterMs?: number) {
    super('429');
  }
}
class Fatal extends Error {}
class Flaky extends Error {}

const classify = (e: unknown): Failure =>
  e instanceof Busy ? { kind: 'busy', afterMs: e.afterMs } : e instanceof Fatal ? { kind: 'fatal', message: e.message } : e instanceof Flaky ? { kind: 'retry' } : { kind: 'fail' };

/**
 * A provider on fake timers: answers take `serviceMs`; beyond `maxInFlight` at once, or `perSecond` in
 * the last second, it refuses with a retry-after (1 s, or until the window frees). Records every send.
 */
function provider(o: { serviceMs?: number; maxInFlight?: number; perSecond?: number; fail?: (item: number, n: number) => Error | undefined } = {}) {
  const log: { item: number; at: number; refused: boolean; inFlight: number }[] = [];
  let inFlight = 0;
  const admitted: number[] = [];
  const tries = new Map<number, number>();
  const send = async (item: number, _p: number, signal: AbortSignal) => {
    const now = Date.now();
    const n = (tries.get(item) ?? 0) + 1;
    tries.set(item, n);
    const window = admitted.filter((t) => now - t < 1000);
    const err = o.fail?.(item, n) ?? (window.length >= (o.perSecond ?? Infinity) ? new Busy(1000 - (now - window[0]!)) : inFlight >= (o.maxInFlight ?? Infinity) ? new Busy(1000) : undefined);
    log.push({ item, at: now, refused: !!err, inFlight: inFlight + (err ? 0 : 1) });
    if (err) throw err;
    admitted.push(now);
    inFlight++;
    try {
      await new Promise<void>((resolve, reject) => {
        const abort = () => (clearTimeout(t), reject(new Error('aborted')));
        const t = setTimeout(() => (signal.removeEventListener('abort', abort), resolve()), o.serviceMs ?? 100);
        signal.addEventListener('abort', abort, { once: true });
      });
    } finally {
      inFlight--;
    }
    return `alt ${item}`;
  };
  return { log, send };
}

function run(items: number[], p: ReturnType<typeof provider>, over: Partial<BatchOptions<number, number, string>> = {}) {
  const saved: [number, string][] = [];
  const failed: number[] = [];
  const waits: number[] = [];
  const ctl = new AbortController();
  const done = runBatch(items, {
    prepare: async (i) => i,
    send: p.send,
    save: async (i, r) => void saved.push([i, r]),
    classify,
    onFail: (i) => void failed.push(i),
    onWait: (ms) => void waits.push(ms),
    signal: ctl.signal,
    ...over,
  });
  return { done, saved, failed, waits, ctl };
}

beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
afterEach(() => vi.useRealTimers());

describe('runBatch', () => {
  it('does every item once and saves each result', async () => {
    const p = provider();
    const r = run([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], p);
    await vi.runAllTimersAsync();
    const res = await r.done;
    expect(r.saved.map(([i]) => i).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(p.log).toHaveLength(10);
    expect(res).toMatchObject({ left: [], busy: 0 });
  });

  it('more slots while all goes well, never more than `max`', async () => {
    const p = provider();
    const r = run(Array.from({ length: 60 }, (_, i) => i), p, { start: 2, max: 5 });
    await vi.runAllTimersAsync();
    const res = await r.done;
    expect(res.peak).toBe(5);
    expect(Math.max(...p.log.map((l) => l.inFlight))).toBe(5);
    expect(p.log.slice(0, 2).every((l) => l.at === p.log[0]!.at)).toBe(true);
  });

  it('"too many at once": a refused item waits its retry-after while the others carry on, and the slots settle at the limit', async () => {
    const p = provider({ maxInFlight: 3 });
    const r = run(Array.from({ length: 60 }, (_, i) => i), p, { start: 6 });
    await vi.runAllTimersAsync();
    await r.done;
    expect(r.saved).toHaveLength(60);
    const refused = p.log.filter((l) => l.refused);
    // The first burst over the limit is refused; after that only the rare probe for a free slot.
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.length).toBeLessThanOrEqual(10);
    for (const x of refused) {
      const again = p.log.find((l) => l.item === x.item && l.at > x.at)!;
      expect(again.at - x.at).toBeGreaterThanOrEqual(1000);
      // Not stalled: others were sent while it waited.
      expect(p.log.some((l) => l.at > x.at && l.at < again.at && !l.refused)).toBe(true);
    }
    expect(r.waits.every((w) => w === 1000)).toBe(true);
  });

  it('"too many this second": requests are spaced at the accepted rate, so refusals stay rare', async () => {
    const p = provider({ perSecond: 10, serviceMs: 300 });
    const r = run(Array.from({ length: 80 }, (_, i) => i), p);
    await vi.runAllTimersAsync();
    await r.done;
    expect(r.saved).toHaveLength(80);
    const ok = p.log.filter((l) => !l.refused);
    const span = (ok.at(-1)!.at - ok[0]!.at) / 1000;
    // 80 at 10/s is at least 7 s (the first 10 may go at once); a stalled runner would take far longer.
    expect(span).toBeGreaterThanOrEqual(6.9);
    expect(span).toBeLessThan(9);
    expect(p.log.filter((l) => l.refused).length).toBeLessThan(16);
    // Once the window has refused, no bursts: the next requests start about 1/10 s apart.
    const firstRefusal = p.log.find((l) => l.refused)!.at;
    const later = ok.filter((l) => l.at > firstRefusal + 1000).map((l) => l.at);
    const gaps = later.slice(1).map((t, i) => t - later[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(50);
  });

  it('a provider that turns everything away for a while gets no storm of requests', async () => {
    const t0 = Date.now();
    const p = provider({ fail: () => (Date.now() - t0 < 5000 ? new Busy(5000 - (Date.now() - t0)) : undefined) });
    const r = run(Array.from({ length: 30 }, (_, i) => i), p, { start: 4 });
    await vi.runAllTimersAsync();
    await r.done;
    expect(r.saved).toHaveLength(30);
    // The first slots are refused; then everybody waits as told instead of trying the rest one by one.
    expect(p.log.filter((l) => l.refused).length).toBeLessThanOrEqual(4);
    expect(p.log.find((l) => !l.refused)!.at - t0).toBeGreaterThanOrEqual(5000);
  });

  it('without a retry-after it backs off exponentially', async () => {
    const p = provider({ fail: (item, n) => (item === 1 && n <= 2 ? new Busy() : undefined) });
    const r = run([1], p);
    await vi.runAllTimersAsync();
    await r.done;
    const at = p.log.map((l) => l.at - p.log[0]!.at);
    expect(at).toEqual([0, 1000, 3000]);
    expect(r.saved).toEqual([[1, 'alt 1']]);
  });

  it('transient errors are retried a few times, then the item fails; other failures fail at once', async () => {
    const p = provider({ fail: (item) => (item === 1 ? new Flaky() : item === 2 ? new Error('bad image') : undefined) });
    const r = run([1, 2, 3], p, { attempts: 3 });
    await vi.runAllTimersAsync();
    await r.done;
    expect(p.log.filter((l) => l.item === 1)).toHaveLength(3);
    expect(p.log.filter((l) => l.item === 2)).toHaveLength(1);
    expect(r.failed.sort()).toEqual([1, 2]);
    expect(r.saved).toEqual([[3, 'alt 3']]);
  });

  it('a fatal error stops the batch and hands back what was not done', async () => {
    const p = provider({ fail: (item) => (item === 2 ? new Fatal('The API key was rejected (401).') : undefined) });
    const r = run([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], p, { start: 2 });
    await vi.runAllTimersAsync();
    const res = await r.done;
    expect(res.fatal).toBe('The API key was rejected (401).');
    expect(r.failed).toEqual([2]);
    expect(res.left.length).toBeGreaterThan(5);
    expect(p.log.length + res.left.length).toBeLessThanOrEqual(10);
  });

  it('a failed preparation fails the item without a request', async () => {
    const p = provider();
    const r = run([1, 2, 3], p, { prepare: async (i) => (i === 2 ? Promise.reject(new Error('404')) : i) });
    await vi.runAllTimersAsync();
    await r.done;
    expect(r.failed).toEqual([2]);
    expect(p.log.map((l) => l.item).sort()).toEqual([1, 3]);
  });

  it('Cancel: nothing more is sent, requests in flight are aborted, and every unfinished item comes back', async () => {
    const p = provider({ serviceMs: 1000 });
    const r = run(Array.from({ length: 20 }, (_, i) => i), p, { start: 3 });
    await vi.advanceTimersByTimeAsync(1500);
    const sent = p.log.length;
    r.ctl.abort();
    await vi.runAllTimersAsync();
    const res = await r.done;
    expect(p.log).toHaveLength(sent);
    expect(r.saved.length + res.left.length).toBe(20);
    expect(r.saved).toHaveLength(3);
  });
});
