import { capExceeded } from '../caps';
import { LIMITS } from '../config';
import { json, problem, type Reply, type RequestContext } from '../http';
import { randomId, sha256Hex } from '../ids';
import type { Runtime } from '../runtime';
import { bearerToken } from './bearer';
import { basicClient, CODE_CHALLENGE } from './clients';

/**
 * The tenant the request's own credential proves: the tenant's confidential client by HTTP Basic (RFC 6749 §2.3.1),
 * or its personal access token as Bearer. Access tokens are refused: a token a client obtained must not be able to
 * mint the proof for a new grant (whose scopes it could then widen).
 */
async function provenTenant(rt: Runtime, header: string | null): Promise<string | { detail: string }> {
  const usage =
    "Authenticate with the sandbox app's client credentials (HTTP Basic) or its personal access token (Authorization: Bearer pat_…).";
  if (header === null) return { detail: usage };
  if (/^basic /i.test(header)) {
    const client = await basicClient(rt.store, header, rt.portalUrl);
    return client?.tenantId ?? { detail: `Client authentication failed. ${usage}` };
  }
  const token = bearerToken(header);
  if (!token?.startsWith('pat_'))
    return { detail: `Only a personal access token proves a sandbox app; access tokens cannot. ${usage}` };
  return (await rt.store.patTenant(sha256Hex(token))) ?? { detail: `The personal access token is unknown. ${usage}` };
}

/**
 * POST /sandbox/oauth/login-ticket `{"code_challenge": "<S256 challenge>"}`: a login ticket proving the caller's
 * tenant on the consent screen (GET /oauth/authorize?…&login_ticket=…). The ticket is single-use, lives
 * LIMITS.loginTicketSeconds and works only with the same PKCE code_challenge, so a copy leaked from a URL is useless
 * to anyone without the code_verifier. Stored only as its SHA-256.
 * @returns 201 `{login_ticket, expires_in, tenant_id}`; 401 without the tenant's own credential; 400 for a bad
 * challenge; 429 at the per-tenant ticket cap (nothing stored).
 */
export async function createLoginTicket(
  rt: Runtime,
  ctx: RequestContext,
  request: Request,
  body: unknown,
): Promise<Reply> {
  const tenantId = await provenTenant(rt, request.headers.get('authorization'));
  if (typeof tenantId !== 'string') {
    // Bearer only: a Basic challenge makes browsers show a login dialog over the page that called (the console).
    return problem(ctx, 401, tenantId.detail, { headers: { 'WWW-Authenticate': 'Bearer realm="aethex"' } });
  }
  const challenge = (body as { code_challenge?: unknown } | undefined)?.code_challenge;
  const extra =
    body && typeof body === 'object' && !Array.isArray(body)
      ? Object.keys(body).filter((key) => key !== 'code_challenge')
      : [];
  if (typeof challenge !== 'string' || !CODE_CHALLENGE.test(challenge) || extra.length > 0) {
    return problem(
      ctx,
      400,
      'Send {"code_challenge": "<the S256 PKCE challenge of the authorization request, 43-128 base64url characters>"}.',
      {
        errors: [
          { field: '/code_challenge', message: 'must be the 43-128 character base64url S256 challenge' },
          ...extra.map((key) => ({ field: `/${key}`, message: 'is not allowed' })),
        ],
      },
    );
  }
  const ticket = randomId('lt_', 40);
  const now = rt.now();
  const hit = await rt.store.createTicket(
    {
      hash: sha256Hex(ticket),
      tenant_id: tenantId,
      code_challenge: challenge,
      expires_at: now + LIMITS.loginTicketSeconds * 1000,
    },
    now,
    LIMITS.caps.loginTickets,
  );
  if (hit) return capExceeded(rt, ctx, tenantId, hit);
  return json(
    201,
    { login_ticket: ticket, expires_in: LIMITS.loginTicketSeconds, tenant_id: tenantId },
    { 'Cache-Control': 'no-store' },
  );
}
