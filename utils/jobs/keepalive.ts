import { browser } from 'wxt/browser';

export interface Timing {
  /** How often an extension API is called while a job runs (Chrome ends an idle worker after 30 s). */
  pingMs: number;
  /** After this long without a first token, the entry says so and offers Stop. */
  slowFirstTokenMs: number;
}

const PRODUCTION: Timing = { pingMs: 25_000, slowFirstTokenMs: 30_000 };

interface E2eHooks {
  /** Set by e2e tests in the worker to shorten the waits; read on every use. */
  __glimpseTiming?: Partial<Timing>;
  /** Counts pings, so a test can see the keep-alive working. */
  __glimpseKeepAlive?: { pings: number; active: number };
}
const hooks = globalThis as E2eHooks;

/** Production timings; the e2e build alone lets a test shorten them, so no test waits 30 s. */
export function timing(): Timing {
  return import.meta.env.GLIMPSE_E2E ? { ...PRODUCTION, ...hooks.__glimpseTiming } : PRODUCTION;
}

let active = 0;
let timer: ReturnType<typeof setInterval> | undefined;

function ping() {
  void browser.runtime.getPlatformInfo();
  if (import.meta.env.GLIMPSE_E2E) {
    hooks.__glimpseKeepAlive ??= { pings: 0, active: 0 };
    hooks.__glimpseKeepAlive.pings++;
  }
}

/**
 * Chrome ends an idle MV3 worker after 30 s, and a fetch whose response takes 30 s to start
 * can cross that line; an extension API call every 25 s resets the idle timer.
 */
export async function keepAlive<T>(work: () => Promise<T>): Promise<T> {
  if (active++ === 0) timer = setInterval(ping, timing().pingMs);
  if (import.meta.env.GLIMPSE_E2E) (hooks.__glimpseKeepAlive ??= { pings: 0, active: 0 }).active = active;
  try {
    return await work();
  } finally {
    if (--active === 0) clearInterval(timer);
    if (import.meta.env.GLIMPSE_E2E) hooks.__glimpseKeepAlive!.active = active;
  }
}
