import { listScopes } from '@/lib/openapi';

import { CONSOLE_CLIENT_ID, LIMITS } from '../config';
import type { Reply } from '../http';
import { randomId, sha256Hex } from '../ids';
import { isMediaType, parseForm, type Runtime } from '../runtime';
import { findClient, redirectAllowed, type OAuthClient } from './clients';
import { pageHeaders, renderConsent, renderError } from './consent-page';
import { grantScopes } from './token';

const AUTHORIZE_PARAMS = ['response_type', 'client_id', 'redirect_uri', 'scope', 'state', 'code_challenge', 'code_challenge_method', 'login_hint'];
const CHALLENGE = /^[A-Za-z0-9\-._~]{43,128}$/;

type Checked =
  | { kind: 'page'; status: number; title: string; detail: string }
  | { kind: 'redirect'; to: string }
  | { kind: 'ok'; client: OAuthClient; tenant: { id: string; name: string }; redirectUri: string; scopes: string[]; params: Map<string, string> };

function errorRedirect(redirectUri: string, issuer: string, params: Map<string, string>, error: string, description: string): { kind: 'redirect'; to: string } {
  const target = new URL(redirectUri);
  target.searchParams.set('error', error);
  target.searchParams.set('error_description', description);
  if (params.has('state')) target.searchParams.set('state', params.get('state')!);
  target.searchParams.set('iss', issuer);
  return { kind: 'redirect', to: target.href };
}

/** Checks an authorization request (RFC 6749 §4.1.1, §4.1.2.1; OAuth 2.1 §4.1.1: PKCE S256 mandatory). */
function check(rt: Runtime, issuer: string, params: Map<string, string>, repeated: string[]): Checked {
  const page = (title: string, detail: string, status = 400): Checked => ({ kind: 'page', status, title, detail });
  if (repeated.length > 0) return page('Invalid authorization request', `The parameter ${repeated.join(', ')} is repeated.`);
  const clientId = params.get('client_id');
  if (!clientId) return page('Invalid authorization request', 'The client_id parameter is missing.');
  const client = findClient(rt.store, clientId, rt.portalUrl);
  if (!client) return page('Unknown client', `No OAuth client ${clientId} is registered in this sandbox.`);
  const redirectUri = params.get('redirect_uri');
  if (!redirectUri || !redirectAllowed(client, redirectUri)) {
    return page('Unregistered redirect URI', `The redirect_uri ${redirectUri ?? '(missing)'} is not registered for client ${clientId}.`);
  }
  const fail = (error: string, description: string) => errorRedirect(redirectUri, issuer, params, error, description);
  const responseType = params.get('response_type');
  if (!responseType) return fail('invalid_request', 'The response_type parameter is missing.');
  if (responseType !== 'code') return fail('unsupported_response_type', 'Only response_type=code is supported.');
  if (!params.get('code_challenge')) return fail('invalid_request', 'PKCE is required: send code_challenge and code_challenge_method=S256.');
  if (params.get('code_challenge_method') !== 'S256') return fail('invalid_request', 'code_challenge_method must be S256.');
  if (!CHALLENGE.test(params.get('code_challenge')!)) return fail('invalid_request', 'code_challenge must be 43-128 base64url characters.');
  const scopes = grantScopes(params.get('scope'), client.scopes);
  if (!Array.isArray(scopes)) return fail('invalid_scope', scopes.error);
  const tenantId = client.tenantId ?? params.get('login_hint');
  const tenant = tenantId ? rt.store.tenant(tenantId) : undefined;
  if (!tenant) {
    return fail('invalid_request', client.id === CONSOLE_CLIENT_ID ? 'login_hint must name an existing sandbox app (tenant_id).' : 'The client has no tenant.');
  }
  return { kind: 'ok', client, tenant: { id: tenant.id, name: tenant.name }, redirectUri, scopes, params };
}

function respond(checked: Exclude<Checked, { kind: 'ok' }>): Reply {
  if (checked.kind === 'page') return { status: checked.status, headers: pageHeaders(), body: renderError(checked.title, checked.detail) };
  return { status: 303, headers: { Location: checked.to, 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' }, body: null };
}

/**
 * GET /oauth/authorize: validates the request and renders the consent screen, or redirects with an error, or shows
 * an error page when the client or redirect URI cannot be trusted.
 * @param issuer - this authorization server's issuer identifier (RFC 9207 `iss`).
 */
export function handleAuthorize(rt: Runtime, url: URL, issuer: string, action: string): Reply {
  const { values, repeated } = parseForm(url.search);
  const checked = check(rt, issuer, values, repeated);
  if (checked.kind !== 'ok') return respond(checked);
  const descriptions = new Map(listScopes().map((scope) => [scope.name, scope.description]));
  const hidden = Object.fromEntries(AUTHORIZE_PARAMS.filter((name) => values.has(name)).map((name) => [name, values.get(name)!]));
  const html = renderConsent({
    clientName: checked.client.name,
    clientId: checked.client.id,
    tenantName: checked.tenant.name,
    tenantId: checked.tenant.id,
    scopes: checked.scopes.map((name) => ({ name, description: descriptions.get(name) ?? name })),
    redirectUri: checked.redirectUri,
    hidden,
    action,
  });
  return { status: 200, headers: pageHeaders([new URL(checked.redirectUri).origin]), body: html };
}

/**
 * POST /oauth/authorize: the consent form's decision. Allow → 303 to the redirect URI with `code`, the unchanged
 * `state` and `iss` (RFC 9207); Deny → `error=access_denied`. The code is stored only as its SHA-256.
 */
export function handleDecision(rt: Runtime, request: Request, body: Uint8Array, issuer: string): Reply {
  if (!isMediaType(request.headers.get('content-type'), 'application/x-www-form-urlencoded')) {
    return { status: 400, headers: pageHeaders(), body: renderError('Invalid authorization request', 'The decision must be posted by the consent form.') };
  }
  const { values, repeated } = parseForm(Buffer.from(body).toString('utf8'));
  const decision = values.get('decision');
  values.delete('decision');
  const checked = check(rt, issuer, values, repeated);
  if (checked.kind !== 'ok') return respond(checked);
  if (decision !== 'allow') return respond(errorRedirect(checked.redirectUri, issuer, values, 'access_denied', 'The user denied the request.'));
  const code = randomId('ac_', 40);
  rt.store.createCode({
    hash: sha256Hex(code),
    tenant_id: checked.tenant.id,
    client_id: checked.client.id,
    grant_id: randomId('grt_', 24),
    redirect_uri: checked.redirectUri,
    scope: checked.scopes.join(' '),
    code_challenge: values.get('code_challenge')!,
    expires_at: rt.now() + LIMITS.codeSeconds * 1000,
  });
  const target = new URL(checked.redirectUri);
  target.searchParams.set('code', code);
  if (values.has('state')) target.searchParams.set('state', values.get('state')!);
  target.searchParams.set('iss', issuer);
  return respond({ kind: 'redirect', to: target.href });
}
