import { browser } from 'wxt/browser';

let active = 0;
let timer: ReturnType<typeof setInterval> | undefined;

/**
 * Chrome ends an idle MV3 worker after 30 s, and a fetch whose response takes 30 s to start
 * can cross that line; an extension API call every 25 s resets the idle timer.
 */
export async function keepAlive<T>(work: () => Promise<T>): Promise<T> {
  if (active++ === 0) timer = setInterval(() => void browser.runtime.getPlatformInfo(), 25_000);
  try {
    return await work();
  } finally {
    if (--active === 0) clearInterval(timer);
  }
}
