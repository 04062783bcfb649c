import { capDetail } from '../caps';
import { grantableScopes, LIMITS } from '../config';
import type { Reply } from '../http';
import { randomId, sha256Hex } from '../ids';
import { isMediaType, parseForm, type Runtime } from '../runtime';
import type { TenantRow } from '../store';
import { CODE_CHALLENGE, findClient, isLoopbackRedirect, redirectAllowed, type OAuthClient } from './clients';
import { pageHeaders, renderConsent, renderError } from './consent-page';
import { grantScopes } from './token';

/** Authorization request parameters re-posted with the decision (login_hint is only a hint: never a proof). */
const AUTHORIZE_PARAMS = [
  'response_type',
  'client_id',
  'redirect_uri',
  'scope',
  'state',
  'code_challenge',
  'code_challenge_method',
  'login_ticket',
];

type Checked =
  | { kind: 'page'; status: number; title: string; detail: string; returnTo?: string }
  | { kind: 'redirect'; to: string }
  | { kind: 'ok'; client: OAuthClient; redirectUri: string; scopes: string[]; params: Map<string, string> };

/** How the tenant was proven: a login ticket (by its hash) or the tenant's personal access token typed on the screen. */
type Proof = { tenant: TenantRow; ticketHash: string | undefined };

function errorRedirect(
  redirectUri: string,
  issuer: string,
  params: Map<string, string>,
  error: string,
  description: string,
): { kind: 'redirect'; to: string } {
  const target = new URL(redirectUri);
  target.searchParams.set('error', error);
  target.searchParams.set('error_description', description);
  if (params.has('state')) target.searchParams.set('state', params.get('state')!);
  target.searchParams.set('iss', issuer);
  return { kind: 'redirect', to: target.href };
}

/** Checks an authorization request (RFC 6749 §4.1.1, §4.1.2.1; OAuth 2.1 §4.1.1: PKCE S256 mandatory). */
async function check(rt: Runtime, issuer: string, params: Map<string, string>, repeated: string[]): Promise<Checked> {
  const page = (title: string, detail: string, status = 400): Checked => ({ kind: 'page', status, title, detail });
  if (repeated.length > 0)
    return page('Invalid authorization request', `The parameter ${repeated.join(', ')} is repeated.`);
  const clientId = params.get('client_id');
  if (!clientId) return page('Invalid authorization request', 'The client_id parameter is missing.');
  const client = await findClient(rt.store, clientId, rt.portalUrl);
  if (!client) return page('Unknown client', `No OAuth client ${clientId} is registered in this sandbox.`);
  const redirectUri = params.get('redirect_uri');
  // A control character is never part of a registered URI (and a NUL cannot be stored with a code).
  if (!redirectUri || /[\u0000-\u001f\u007f]/.test(redirectUri) || !redirectAllowed(client, redirectUri)) {
    return page(
      'Unregistered redirect URI',
      `The redirect_uri ${redirectUri ?? '(missing)'} is not registered for client ${clientId}.`,
    );
  }
  // Anyone can register an app with any redirect URI, so an error answered before the tenant is proven is a page
  // with a link, not an automatic redirect (no open redirector on the portal's origin); loopback URIs (the caller's
  // own machine) and the console's callback are redirected as RFC 6749 §4.1.2.1 says.
  const fail = (error: string, description: string): Checked => {
    const redirect = errorRedirect(redirectUri, issuer, params, error, description);
    if (!client.tenantId || isLoopbackRedirect(redirectUri)) return redirect;
    return {
      kind: 'page',
      status: 400,
      title: 'Invalid authorization request',
      detail: `${error}: ${description}`,
      returnTo: redirect.to,
    };
  };
  const responseType = params.get('response_type');
  if (!responseType) return fail('invalid_request', 'The response_type parameter is missing.');
  if (responseType !== 'code') return fail('unsupported_response_type', 'Only response_type=code is supported.');
  if (!params.get('code_challenge'))
    return fail('invalid_request', 'PKCE is required: send code_challenge and code_challenge_method=S256.');
  if (params.get('code_challenge_method') !== 'S256')
    return fail('invalid_request', 'code_challenge_method must be S256.');
  if (!CODE_CHALLENGE.test(params.get('code_challenge')!))
    return fail('invalid_request', 'code_challenge must be 43-128 base64url characters.');
  const scopes = grantScopes(params.get('scope'), client.scopes);
  // Without naming the client's scopes: the client ID is public, the tenant not yet proven.
  if (!Array.isArray(scopes)) return fail('invalid_scope', scopes.error.replace(/; allowed: .*$/, '.'));
  if (client.tenantId && !(await rt.store.tenant(client.tenantId)))
    return fail('invalid_request', "The client's sandbox app no longer exists.");
  return { kind: 'ok', client, redirectUri, scopes, params };
}

/**
 * The tenant a login ticket proves, if the ticket is live, bound to this request's code_challenge and (for a
 * tenant's own client) issued for that client's tenant. The ticket is not used here (see AuthStore.createCode).
 */
async function ticketProof(rt: Runtime, checked: Extract<Checked, { kind: 'ok' }>): Promise<Proof | undefined> {
  const ticket = checked.params.get('login_ticket');
  if (!ticket) return undefined;
  const hash = sha256Hex(ticket);
  const row = await rt.store.liveTicket(hash, checked.params.get('code_challenge')!, rt.now());
  if (!row || (checked.client.tenantId && row.tenant_id !== checked.client.tenantId)) return undefined;
  const tenant = await rt.store.tenant(row.tenant_id);
  return tenant ? { tenant, ticketHash: hash } : undefined;
}

/** The tenant a personal access token typed on the consent screen proves (for a tenant's client: only its own). */
async function tokenProof(rt: Runtime, client: OAuthClient, token: string | undefined): Promise<Proof | undefined> {
  if (!token || !token.startsWith('pat_')) return undefined;
  const tenantId = await rt.store.patTenant(sha256Hex(token.trim()));
  if (!tenantId || (client.tenantId && tenantId !== client.tenantId)) return undefined;
  const tenant = await rt.store.tenant(tenantId);
  return tenant ? { tenant, ticketHash: undefined } : undefined;
}

function respond(checked: Exclude<Checked, { kind: 'ok' }>): Reply {
  if (checked.kind === 'page')
    return {
      status: checked.status,
      headers: pageHeaders(),
      body: renderError(checked.title, checked.detail, checked.returnTo),
    };
  return {
    status: 303,
    headers: { Location: checked.to, 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' },
    body: null,
  };
}

/** The requested scopes the tenant holds (RFC 6749 §3.3: the server may grant fewer than asked). */
function tenantScopes(scopes: readonly string[], tenant: TenantRow): string[] {
  const held = new Set(tenant.scopes.split(' '));
  return scopes.filter((scope) => held.has(scope));
}

/** The consent screen for a checked request: proven (tenant named, Allow issues a code) or asking for the proof. */
function consentPage(
  rt: Runtime,
  checked: Extract<Checked, { kind: 'ok' }>,
  action: string,
  proof: Proof | undefined,
  status = 200,
  alert?: string,
): Reply {
  const descriptions = new Map(grantableScopes().map((scope) => [scope.name, scope.description]));
  const { params, client } = checked;
  const hidden = Object.fromEntries(
    AUTHORIZE_PARAMS.filter((name) => params.has(name) && (name !== 'login_ticket' || proof)).map((name) => [
      name,
      params.get(name)!,
    ]),
  );
  // The tenant is named only once proven: a client ID is public and must not reveal whose app it is.
  const known = proof?.tenant;
  const scopes = proof ? tenantScopes(checked.scopes, proof.tenant) : checked.scopes;
  const html = renderConsent({
    clientName: client.name,
    clientId: client.id,
    tenant: known ? { name: known.name, id: known.id } : undefined,
    signIn: !proof,
    ...(alert ? { alert } : {}),
    scopes: scopes.map((name) => ({ name, description: descriptions.get(name) ?? name })),
    redirectUri: checked.redirectUri,
    hidden,
    action,
  });
  return { status, headers: pageHeaders([new URL(checked.redirectUri).origin]), body: html };
}

/**
 * GET /oauth/authorize: validates the request and renders the consent screen, or redirects with an error, or shows
 * an error page when the client or redirect URI cannot be trusted. The screen names the tenant only once it is
 * proven by a live `login_ticket` (POST /oauth/login-ticket); otherwise it asks for the tenant's personal access
 * token. A tenant ID (`login_hint`) is an identifier and proves nothing.
 * @param issuer - this authorization server's issuer identifier (RFC 9207 `iss`).
 */
export async function handleAuthorize(rt: Runtime, url: URL, issuer: string, action: string): Promise<Reply> {
  const { values, repeated } = parseForm(url.search);
  const checked = await check(rt, issuer, values, repeated);
  if (checked.kind !== 'ok') return respond(checked);
  const proof = await ticketProof(rt, checked);
  const alert =
    values.has('login_ticket') && !proof
      ? 'The login ticket has expired, was used, or belongs to another request: sign in with the personal access token instead.'
      : undefined;
  return consentPage(rt, checked, action, proof, 200, alert);
}

/**
 * POST /oauth/authorize: the consent form's decision. Allow needs the tenant proven (the login ticket, used once,
 * or the tenant's personal access token in the form); it then grants the requested scopes the tenant holds and
 * answers 303 to the redirect URI with `code`, the unchanged `state` and `iss` (RFC 9207). Deny → `access_denied`.
 * The code is stored only as its SHA-256; at a cap (pending codes, grants) → `temporarily_unavailable`, nothing stored.
 */
export async function handleDecision(
  rt: Runtime,
  request: Request,
  body: Uint8Array,
  issuer: string,
  action: string,
): Promise<Reply> {
  if (!isMediaType(request.headers.get('content-type'), 'application/x-www-form-urlencoded')) {
    return {
      status: 400,
      headers: pageHeaders(),
      body: renderError('Invalid authorization request', 'The decision must be posted by the consent form.'),
    };
  }
  const { values, repeated } = parseForm(Buffer.from(body).toString('utf8'));
  const decision = values.get('decision');
  const typed = values.get('personal_access_token');
  values.delete('decision');
  values.delete('personal_access_token');
  const checked = await check(rt, issuer, values, repeated);
  if (checked.kind !== 'ok') return respond(checked);
  if (decision !== 'allow') {
    const denied = errorRedirect(checked.redirectUri, issuer, values, 'access_denied', 'The user denied the request.');
    // Deny needs no proof of the tenant, so, as for an invalid request, it redirects only where redirecting is safe
    // (the console, loopback URIs); to a URI anyone could have registered, a page with a link.
    if (!checked.client.tenantId || isLoopbackRedirect(checked.redirectUri)) return respond(denied);
    return respond({
      kind: 'page',
      status: 200,
      title: 'Request denied',
      detail: 'You denied the request; the application has been told.',
      returnTo: denied.to,
    });
  }
  const proof = (await ticketProof(rt, checked)) ?? (await tokenProof(rt, checked.client, typed));
  if (!proof) {
    const alert = typed
      ? 'That is not the personal access token of this sandbox app. Paste the pat_… value from POST /sandbox/apps.'
      : "Sign in first: paste the sandbox app's personal access token.";
    return consentPage(rt, checked, action, undefined, 400, alert);
  }
  const scopes = tenantScopes(checked.scopes, proof.tenant);
  if (scopes.length === 0) {
    return respond(
      errorRedirect(
        checked.redirectUri,
        issuer,
        values,
        'invalid_scope',
        `The sandbox app holds none of the requested scopes; it holds: ${proof.tenant.scopes}.`,
      ),
    );
  }
  const code = randomId('ac_', 40);
  const now = rt.now();
  const stored = await rt.store.createCode(
    {
      hash: sha256Hex(code),
      tenant_id: proof.tenant.id,
      client_id: checked.client.id,
      grant_id: randomId('grt_', 24),
      redirect_uri: checked.redirectUri,
      scope: scopes.join(' '),
      code_challenge: values.get('code_challenge')!,
      expires_at: now + LIMITS.codeSeconds * 1000,
    },
    proof.ticketHash,
    now,
    { pendingCodes: LIMITS.caps.pendingCodes, grants: LIMITS.caps.grants },
  );
  if (stored === 'ticket')
    return consentPage(
      rt,
      checked,
      action,
      undefined,
      400,
      'The login ticket was used meanwhile: sign in with the personal access token.',
    );
  if (stored) {
    return respond(
      errorRedirect(
        checked.redirectUri,
        issuer,
        values,
        'temporarily_unavailable',
        (await capDetail(rt, proof.tenant.id, stored)).detail,
      ),
    );
  }
  const target = new URL(checked.redirectUri);
  target.searchParams.set('code', code);
  if (values.has('state')) target.searchParams.set('state', values.get('state')!);
  target.searchParams.set('iss', issuer);
  return respond({ kind: 'redirect', to: target.href });
}
