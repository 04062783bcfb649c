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

/** Where a request came from, for per-address limits. */
export interface ClientAddress {
  /** The address (at most 64 characters) or `'unknown'`. */
  address: string;
  /** True when it is the TCP peer's address, which the caller cannot forge (standalone without a trusted proxy). */
  fromSocket: boolean;
}

/**
 * The client address of a request. Standalone (`remoteAddress` known): the socket's peer address, or the last
 * X-Forwarded-For entry when `trustProxy` (SANDBOX_TRUST_PROXY=1: a reverse proxy in front appends the peer it saw).
 * Mounted in Next (route handlers never see the socket): the last X-Forwarded-For entry, which `next start` fills
 * with the socket address when the request has none; a caller reaching Next directly can forge it, so a public
 * deployment puts a reverse proxy in front that sets or appends X-Forwarded-For (lib/sandbox/README.md).
 */
export function clientAddress(request: Request, remoteAddress: string | undefined, trustProxy: boolean): ClientAddress {
  const forwarded = request.headers.get('x-forwarded-for')?.split(',').at(-1)?.trim();
  if (remoteAddress !== undefined && !(trustProxy && forwarded))
    return { address: remoteAddress.slice(0, 64) || 'unknown', fromSocket: true };
  return { address: (forwarded || 'unknown').slice(0, 64), fromSocket: false };
}

/** Whether an address is loopback (127.0.0.0/8, ::1, IPv4-mapped 127.x). */
export function isLoopback(address: string): boolean {
  return /^(?:::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/i.test(address) || address === '::1';
}

/** The subject of a request that carries no tenant credentials: keyed by its client address. */
export function anonymousSubject(client: ClientAddress): RateSubject {
  return { key: `anon:${client.address}`, limit: LIMITS.rateLimit, windowSeconds: LIMITS.rateWindowSeconds };
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
 * Counts one request in the subject's fixed window, in the database (one atomic upsert, so every instance sharing it
 * counts into the same window). The window starts at the first request and resets after `windowSeconds`.
 */
export async function countRequest(rt: Runtime, subject: RateSubject): Promise<RateState> {
  const now = rt.now();
  const { window_start, count } = await rt.store.hitRateWindow(subject.key, now, subject.windowSeconds * 1000);
  return state(subject, window_start, count, now);
}

/** The subject's current state without counting (CORS preflights are not counted). */
export async function peekRequest(rt: Runtime, subject: RateSubject): Promise<RateState> {
  const now = rt.now();
  const row = await rt.store.peekRateWindow(subject.key);
  if (!row || now >= row.window_start + subject.windowSeconds * 1000) return state(subject, now, 0, now);
  return state(subject, row.window_start, row.count, now);
}
