import { LIMITS } from './config';
import type { Runtime } from './runtime';

/** The rate-limit state reported in X-RateLimit-* (GitHub's convention); `reset` in epoch seconds. */
export interface RateState {
  limit: number;
  remaining: number;
  reset: number;
  /** Whether this request went over the limit (→ 429). */
  exceeded: boolean;
  /** Seconds until the window resets (Retry-After on 429). */
  retryAfter: number;
}

/** Who a request is counted against: a tenant (with its configured limit) or an anonymous caller. */
export interface RateSubject {
  key: string;
  limit: number;
  windowSeconds: number;
}

/** The subject of a request that carries no tenant credentials: keyed by the first X-Forwarded-For hop. */
export function anonymousSubject(request: Request, remoteAddress: string | undefined): RateSubject {
  const forwarded = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return { key: `anon:${(forwarded || remoteAddress || 'local').slice(0, 64)}`, limit: LIMITS.rateLimit, windowSeconds: LIMITS.rateWindowSeconds };
}

/** A tenant's subject with its configured limit and window. */
export function tenantSubject(tenantId: string, limit: number, windowSeconds: number): RateSubject {
  return { key: `tenant:${tenantId}`, limit, windowSeconds };
}

function state(subject: RateSubject, windowStart: number, count: number, now: number): RateState {
  const resetMs = windowStart + subject.windowSeconds * 1000;
  return {
    limit: subject.limit,
    remaining: Math.max(0, subject.limit - count),
    reset: Math.ceil(resetMs / 1000),
    exceeded: count > subject.limit,
    retryAfter: Math.max(1, Math.ceil((resetMs - now) / 1000)),
  };
}

/**
 * Counts one request in the subject's fixed window (stored in SQLite so limits survive restarts and hold across
 * processes sharing the database). The window starts at the first request and resets after `windowSeconds`.
 */
export function countRequest(rt: Runtime, subject: RateSubject): RateState {
  const now = rt.now();
  const { window_start, count } = rt.store.hit(subject.key, now, subject.windowSeconds * 1000);
  return state(subject, window_start, count, now);
}

/** The subject's current state without counting (CORS preflights are not counted). */
export function peekRequest(rt: Runtime, subject: RateSubject): RateState {
  const now = rt.now();
  const row = rt.store.peek(subject.key);
  if (!row || now >= row.window_start + subject.windowSeconds * 1000) return state(subject, now, 0, now);
  return state(subject, row.window_start, row.count, now);
}
