/**
 * The MCP endpoint's rate limit: a fixed one-minute window per client address, in process memory (an LRU of 10,000
 * addresses, so a flood of addresses cannot grow it without bound). Per process: several portal instances each count
 * on their own, which is fine for a limit that protects each process.
 */
import { LRUCache } from 'lru-cache';

import { DEFAULT_RATE_LIMIT_PER_MINUTE } from './limits';

const WINDOW_MS = 60_000;

/** A decision: allowed, or refused with the seconds until the window resets. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfter: number };

/** Requests per minute per address: MCP_RATE_LIMIT_PER_MINUTE when a positive number, else the default (300). */
export function rateLimitPerMinute(): number {
  return Number(process.env.MCP_RATE_LIMIT_PER_MINUTE) || DEFAULT_RATE_LIMIT_PER_MINUTE;
}

/** A limiter; `now` is injectable for tests. */
export class RateLimiter {
  private readonly windows = new LRUCache<string, { start: number; count: number }>({ max: 10_000 });

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Counts one request of `address` against `limit` per minute.
   * @returns allowed, or refused with Retry-After seconds (at least 1)
   */
  hit(address: string, limit: number): RateDecision {
    const now = this.now();
    let window = this.windows.get(address);
    if (!window || now - window.start >= WINDOW_MS) {
      window = { start: now, count: 0 };
      this.windows.set(address, window);
    }
    window.count += 1;
    if (window.count <= limit) return { allowed: true };
    return { allowed: false, retryAfter: Math.max(1, Math.ceil((window.start + WINDOW_MS - now) / 1000)) };
  }
}
