/**
 * Runs many provider requests as fast as the provider allows. Only the request itself takes a slot:
 * images are prepared ahead and results saved after the slot is free. A refused item waits as long as
 * the provider asked while the other slots keep working, and the batch learns the provider's limit:
 * - "too many at once" (a long or missing retry-after): fewer slots, probed upwards again slowly;
 * - "too many this second" (a short retry-after): requests are spaced at the rate it accepted.
 */

export type Failure =
  /** Rate-limited or overloaded: try this item again after `afterMs` (the provider's retry-after). */
  | { kind: 'busy'; afterMs?: number }
  /** A transient error (5xx, dropped stream): a few more tries with backoff. */
  | { kind: 'retry' }
  /** Nothing else can succeed (bad key, no quota): stop the batch. */
  | { kind: 'fatal'; message: string }
  /** This item failed for good. */
  | { kind: 'fail' };

export interface BatchOptions<T, P, R> {
  /** Everything before the request (fetch, resize); failures here fail the item. */
  prepare(item: T, signal: AbortSignal): Promise<P>;
  /** The request: the only part that counts against the provider's limit. */
  send(item: T, prepared: P, signal: AbortSignal): Promise<R>;
  /** Stores the result (after the slot is free). */
  save(item: T, result: R): Promise<void>;
  classify(err: unknown): Failure;
  onFail(item: T, err: unknown): Promise<void> | void;
  /** An item waits `ms` for a rate limit (for "retrying in N s"). */
  onWait?(ms: number): void;
  signal: AbortSignal;
  /** Requests in flight at first, and at most. */
  start?: number;
  max?: number;
  /** Tries per item for transient errors; rate limits are counted separately (`busyTries`). */
  attempts?: number;
  busyTries?: number;
}

export interface BatchResult<T> {
  /** Items never finished because of Cancel or a fatal error. */
  left: T[];
  fatal?: string;
  /** The most requests that were in flight at once, and how many answers said "busy". */
  peak: number;
  busy: number;
}

interface Job<T, P> {
  item: T;
  prepared?: { value: P };
  preparing?: boolean;
  tries: number;
  busyTries: number;
  notBefore: number;
}

const MAX_WAIT_MS = 60_000;
/** A retry-after up to this long means a full rate window that frees up soon, not too many at once. */
const SHORT_WAIT_MS = 500;
const WINDOW_MS = 1000;
const SLACK_MS = 50;
/** Items prepared ahead of a free slot, beyond the slots themselves. */
const LOOKAHEAD = 2;
const backoff = (n: number) => Math.min(1000 * 2 ** n, MAX_WAIT_MS);

export function runBatch<T, P, R>(items: T[], o: BatchOptions<T, P, R>): Promise<BatchResult<T>> {
  const { start = 6, max = 8, attempts = 4, busyTries = 20, signal } = o;
  const queue: Job<T, P>[] = items.map((item) => ({ item, tries: 0, busyTries: 0, notBefore: 0 }));
  let limit = Math.min(start, max);
  let inFlight = 0;
  let preparing = 0;
  let saving = 0;
  let peak = 0;
  let busy = 0;
  // Slots: one more per success until the first refusal, then one per `limit` successes; a level refused
  // before (`ceiling`) is probed only after 3× as many.
  let refused = false;
  let wins = 0;
  let ceiling = Infinity;
  let lastCut = 0;
  // Pace: the gap between request starts, learned from a full rate window and shortened a little per
  // calm round so a higher limit is found again.
  let pace = 0;
  let calm = 0;
  // When the next request may start; advanced by the pace from when it was due, not from when the timer
  // fired, so timer lateness does not add up (at most half a gap is caught up after a pause).
  let nextSend = 0;
  const accepted: number[] = [];
  let holdUntil = 0;
  let fatal: string | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  return new Promise((resolve) => {
    const pump = () => {
      clearTimeout(timer);
      if (signal.aborted || fatal !== undefined || !queue.length) {
        if (!inFlight && !preparing && !saving) resolve({ left: queue.map((j) => j.item), fatal, peak, busy });
        return;
      }
      const now = Date.now();
      while (inFlight < limit && now >= holdUntil && now >= nextSend) {
        const i = queue.findIndex((j) => j.prepared && j.notBefore <= now);
        if (i < 0) break;
        nextSend = Math.max(nextSend, now - pace / 2) + pace;
        void send(queue.splice(i, 1)[0]!);
      }
      // Keep the next few prepared, so a free slot goes straight into a request.
      let ahead = queue.filter((j) => j.prepared || j.preparing).length;
      for (const j of queue) {
        if (ahead >= limit + LOOKAHEAD) break;
        if (!j.prepared && !j.preparing) void prepare(j), ahead++;
      }
      const next = Math.max(holdUntil, nextSend, Math.min(...queue.filter((j) => j.prepared).map((j) => j.notBefore)));
      if (inFlight < limit && Number.isFinite(next)) timer = setTimeout(pump, Math.max(0, next - now));
    };
    const prepare = async (job: Job<T, P>) => {
      job.preparing = true;
      preparing++;
      try {
        job.prepared = { value: await o.prepare(job.item, signal) };
      } catch (err) {
        if (!signal.aborted) {
          queue.splice(queue.indexOf(job), 1);
          await o.onFail(job.item, err);
        }
      } finally {
        job.preparing = false;
        preparing--;
        pump();
      }
    };
    const send = async (job: Job<T, P>) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      const startedAt = Date.now();
      accepted.push(startedAt);
      while (startedAt - accepted[0]! > 2 * WINDOW_MS) accepted.shift();
      let outcome: { ok: R } | { err: unknown };
      try {
        outcome = { ok: await o.send(job.item, job.prepared!.value, signal) };
      } catch (err) {
        outcome = { err };
      }
      inFlight--;
      saving++;
      try {
        if ('ok' in outcome) {
          succeeded();
          pump();
          await o.save(job.item, outcome.ok).catch((err: unknown) => o.onFail(job.item, err));
        } else if (signal.aborted) {
          // Cancelled mid-request: the item goes back, so the caller returns it to idle.
          queue.push(job);
        } else if (retry(job, outcome.err, startedAt)) {
          queue.unshift(job);
        } else {
          pump();
          await o.onFail(job.item, outcome.err);
        }
      } finally {
        saving--;
        pump();
      }
    };
    const succeeded = () => {
      // Only while enough is left that a refused probe cannot end up last.
      const need = !refused ? 1 : limit + 1 >= ceiling ? 3 * limit : limit;
      if (++wins >= need && queue.length > 3 * limit) {
        limit = Math.min(max, limit + 1);
        wins = 0;
      }
      if (pace && ++calm >= limit) {
        pace *= 0.95;
        calm = 0;
      }
    };
    /** Whether the job goes back in the queue (and when). */
    const retry = (job: Job<T, P>, err: unknown, startedAt: number): boolean => {
      const f = o.classify(err);
      const now = Date.now();
      if (f.kind === 'busy' && job.busyTries < busyTries) {
        busy++;
        refused = true;
        wins = 0;
        calm = 0;
        const wait = Math.min(f.afterMs ?? backoff(job.busyTries), MAX_WAIT_MS);
        accepted.splice(accepted.indexOf(startedAt), 1);
        if (f.afterMs !== undefined && wait <= SHORT_WAIT_MS) {
          // A full rate window: space requests at the rate it accepted (counted with a little slack, as our
          // clock runs ahead of the server's), and nobody sends until it frees up.
          pace = WINDOW_MS / Math.max(1, accepted.filter((t) => now - t <= WINDOW_MS + SLACK_MS).length);
          holdUntil = Math.max(holdUntil, now + wait);
        } else {
          // Too many at once: down to what is in flight (at most half), once per round, since answers to
          // requests sent before the last cut say nothing new.
          if (startedAt >= lastCut) {
            ceiling = limit;
            limit = Math.max(1, Math.ceil(limit / 2), Math.min(limit - 1, inFlight));
            lastCut = now;
          }
          // Nothing of ours left in flight and still refused: it turns everything away, so all wait.
          if (inFlight === 0) holdUntil = Math.max(holdUntil, now + wait);
        }
        job.busyTries++;
        job.notBefore = now + wait;
        o.onWait?.(wait);
        return true;
      }
      if (f.kind === 'retry' && ++job.tries < attempts) {
        job.notBefore = now + backoff(job.tries);
        return true;
      }
      if (f.kind === 'fatal') fatal ??= f.message;
      return false;
    };
    signal.addEventListener('abort', pump, { once: true });
    pump();
  });
}
