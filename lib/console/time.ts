/**
 * Countdown maths for the console: token expiry, rate-limit reset, Retry-After, and backoff advice.
 * All inputs are explicit (`nowMs`), so tests need no timers.
 */

/**
 * Whole seconds left until `deadlineMs`, rounded up, never negative.
 * @param deadlineMs epoch milliseconds
 * @param nowMs epoch milliseconds
 */
export function secondsLeft(deadlineMs: number, nowMs: number): number {
  return Math.max(0, Math.ceil((deadlineMs - nowMs) / 1000));
}

/**
 * A countdown for people: `0 s`, `45 s`, `1 min 05 s`, `1 h 00 min`.
 * @param seconds non-negative whole seconds
 */
export function formatCountdown(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/**
 * When a token issued at `issuedAtMs` with `expires_in` seconds (RFC 6749 §5.1) expires.
 * @returns epoch milliseconds, or undefined if the server gave no lifetime.
 */
export function expiresAt(issuedAtMs: number, expiresInSeconds: number | undefined): number | undefined {
  return expiresInSeconds === undefined ? undefined : issuedAtMs + expiresInSeconds * 1000;
}

/**
 * The waits (seconds) a well-behaved client uses for its next `attempts` retries: first at least
 * `retryAfter`, then doubling (exponential backoff), capped at `capSeconds`. Jitter is added at
 * run time by the client (see `withJitter`); this is the schedule before jitter.
 */
export function backoffSchedule(retryAfter: number, attempts = 4, capSeconds = 300): number[] {
  const base = Math.max(1, retryAfter);
  return Array.from({ length: attempts }, (_, i) => Math.min(capSeconds, base * 2 ** i));
}

/**
 * "Full jitter" (AWS Architecture Blog): a random wait in [delay/2, delay], so that many clients
 * throttled together do not retry in lockstep.
 * @param random a function returning [0, 1), injectable for tests
 */
export function withJitter(delaySeconds: number, random: () => number = Math.random): number {
  return delaySeconds / 2 + random() * (delaySeconds / 2);
}
