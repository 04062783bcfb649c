import { LIMITS } from './config';
import { problem, type Reply, type RequestContext } from './http';
import type { Runtime } from './runtime';
import type { CapHit, CapName, IssuanceCaps } from './store';

/** What each cap counts, and what to do instead of retrying at once, for the 429's `detail`. */
const WORDS: Record<CapName, { what: string; advice: string }> = {
  accessTokens: {
    what: 'live access tokens',
    advice: `reuse a token until it expires (tokens live ${LIMITS.accessTokenSeconds} seconds)`,
  },
  refreshTokens: {
    what: 'refresh tokens',
    advice: 'keep using the access tokens you have, or create another sandbox app (POST /sandbox/apps)',
  },
  pendingCodes: {
    what: 'authorization codes not yet exchanged',
    advice: `exchange or let them expire (codes live ${LIMITS.codeSeconds} seconds)`,
  },
  grants: { what: 'grants', advice: 'create another sandbox app (POST /sandbox/apps)' },
  loginTickets: {
    what: 'unused login tickets',
    advice: `use one, or let them expire (tickets live ${LIMITS.loginTicketSeconds} seconds)`,
  },
  deliveries: { what: 'webhook deliveries', advice: 'create another sandbox app (POST /sandbox/apps)' },
  idempotencyRecords: {
    what: 'idempotency records',
    advice: `each is kept ${LIMITS.idempotencySeconds / 3600} hours; retry this new key when the oldest expires, or create another sandbox app (POST /sandbox/apps)`,
  },
};

/** The caps every token issuance is checked against. */
export const ISSUANCE_CAPS: IssuanceCaps = {
  accessTokens: LIMITS.caps.accessTokens,
  refreshTokens: LIMITS.caps.refreshTokens,
};

/**
 * Seconds until a capped slot frees: when its oldest live row expires, else when the tenant expires (at least 1).
 * @param tenantId - the tenant whose expiry bounds caps that never free on their own.
 */
async function secondsUntilFree(rt: Runtime, tenantId: string, hit: CapHit): Promise<number> {
  const freeAt = hit.freeAt ?? (await rt.store.tenant(tenantId))?.expires_at ?? rt.now();
  return Math.max(1, Math.ceil((freeAt - rt.now()) / 1000));
}

/**
 * The 429 problem+json of a per-tenant cap (nothing was stored): `detail` names the cap and its value, `Retry-After`
 * says when a slot frees. The X-RateLimit-* headers keep describing the request budget, which is not what ran out.
 */
export async function capExceeded(rt: Runtime, ctx: RequestContext, tenantId: string, hit: CapHit): Promise<Reply> {
  const { detail, retryAfter } = await capDetail(rt, tenantId, hit);
  return problem(ctx, 429, detail, { headers: { 'Retry-After': String(retryAfter) } });
}

/** The sentence naming a cap, its value and what to do, and the seconds until a slot frees. */
export async function capDetail(
  rt: Runtime,
  tenantId: string,
  hit: CapHit,
): Promise<{ detail: string; retryAfter: number }> {
  const retryAfter = await secondsUntilFree(rt, tenantId, hit);
  const { what, advice } = WORDS[hit.cap];
  return {
    detail: `This sandbox app holds ${hit.limit} ${what}, the cap per sandbox app; ${advice}, or retry in ${retryAfter} seconds.`,
    retryAfter,
  };
}
