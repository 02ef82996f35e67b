import type { ServerResponse } from 'node:http';

/** A provider's rate limit: beyond either bound a request gets 429 with retry-after. */
export interface RateLimit {
  maxInFlight?: number;
  perSecond?: number;
}

/**
 * Admits requests as rate-limited APIs do: more than `perSecond` in the last second, or more than
 * `maxInFlight` unfinished, get a 429 (OpenAI's body) whose retry-after says when a slot frees (the
 * window) or 1 s (in flight: the server cannot know).
 */
export class RateLimiter {
  private inFlight = 0;
  private admitted: number[] = [];

  constructor(readonly limit: RateLimit, private readonly body: string) {}

  /** False when `res` was answered with a 429. */
  admit(res: ServerResponse): boolean {
    const now = Date.now();
    this.admitted = this.admitted.filter((t) => now - t < 1000);
    const { maxInFlight = Infinity, perSecond = Infinity } = this.limit;
    const windowFull = this.admitted.length >= perSecond;
    if (windowFull || this.inFlight >= maxInFlight) {
      const waitMs = windowFull ? 1000 - (now - this.admitted[0]!) : 1000;
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(Math.ceil(waitMs / 1000)), 'retry-after-ms': String(waitMs) });
      res.end(this.body);
      return false;
    }
    this.admitted.push(now);
    this.inFlight++;
    res.on('close', () => this.inFlight--);
    return true;
  }
}
