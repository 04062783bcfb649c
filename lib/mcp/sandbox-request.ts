/**
 * The requests the sandbox tools send, built only from the model and the request's own origin: the URL is always
 * `<origin>/sandbox<operation path>` with path parameters percent-encoded, so no argument can name another host, leave
 * the sandbox's mount or change the route. Every request goes in-process to the sandbox (`Sandbox.handle`), with the
 * MCP caller's address in X-Forwarded-For, the header the mounted sandbox reads its client address from.
 */
import { apiModel, type Operation, type ParameterObject } from '@/lib/openapi';
import { PATHS } from '@/lib/urls';

import type { McpContext } from './context';
import { MAX_CALL_BODY_BYTES, MAX_CALL_BODY_DEPTH } from './limits';

/** A primitive parameter value, as sandbox_call accepts it. */
export type ParameterValue = string | number | boolean;

/** Credentials of sandbox_call: a bearer token, or an OAuth client's ID and secret. */
export type CallCredentials = { access_token: string } | { client_id: string; client_secret: string };

/** The request to send, or the words of why it cannot be built. */
export type BuiltCall = { request: Request } | { error: string };

/** Headers the tool sets itself: a parameter may not set them. */
const OWN_HEADERS = new Set(['authorization', 'content-type', 'accept', 'host', 'x-forwarded-for', 'cookie']);

/**
 * A header value a Fetch `Headers` accepts and a server reads as one field: RFC 9110 §5.5 field-value limited to
 * ASCII (visible characters, space, tab). CR, LF or NUL would make `Headers.set` throw with the value quoted in its
 * message; characters above U+00FF too, and U+0080-U+00FF (obs-text) mean nothing to the sandbox.
 */
const FIELD_VALUE = /^[\t\x20-\x7e]*$/;

/** RFC 6750 §2.1 b64token: the characters a Bearer token is made of. */
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

/** RFC 6749 Appendix A VSCHAR (%x20-7E): the characters a client ID and secret are made of. */
const VSCHAR = /^[\x20-\x7e]+$/;

/**
 * Why sandbox_call's credentials cannot be sent, naming the field but never echoing its value (it is a secret, and
 * Headers.set would otherwise throw with it in the message, which reached the log), or undefined when they can.
 */
export function credentialsError(credentials: CallCredentials | undefined): string | undefined {
  if (!credentials) return undefined;
  if ('access_token' in credentials)
    return B64TOKEN.test(credentials.access_token)
      ? undefined
      : 'credentials.access_token is not a bearer token: it may hold only letters, digits and - . _ ~ + / (then =), as RFC 6750 §2.1 allows, no spaces or control characters.';
  for (const field of ['client_id', 'client_secret'] as const)
    if (!VSCHAR.test(credentials[field]))
      return `credentials.${field} may hold only printable ASCII characters (RFC 6749 Appendix A), no control characters.`;
  return undefined;
}

/** The sandbox's base URL on an origin: `http://localhost:3000/sandbox`. */
export function sandboxBase(origin: string): string {
  return `${origin}${PATHS.sandbox}`;
}

/** A Fetch Request to the sandbox at `path` (within its mount), counted against the MCP caller's address. */
export function sandboxRequest(ctx: McpContext, method: string, path: string, init: RequestInit = {}): Request {
  const headers = new Headers(init.headers);
  headers.set('X-Forwarded-For', ctx.clientAddress);
  return new Request(`${sandboxBase(ctx.origin)}${path}`, { ...init, method, headers });
}

function pathOf(op: Operation, parameters: Record<string, ParameterValue>): { path: string } | { error: string } {
  let error: string | undefined;
  const path = op.path.replace(/\{([^}]+)\}/g, (_whole, name: string) => {
    const value = parameters[name];
    if (value === undefined) error ??= `${op.operationId} needs the path parameter “${name}”.`;
    const text = String(value ?? '');
    // "." and ".." are path segments URL parsing would resolve away (RFC 3986 §5.2.4), leaving the route.
    if (/^\.{0,2}$/.test(text)) error ??= `The path parameter “${name}” cannot be “${text}”.`;
    return encodeURIComponent(text);
  });
  return error ? { error } : { path };
}

/**
 * Why a body cannot be encoded, or undefined: nested over MAX_CALL_BODY_DEPTH, or a string or key that is not
 * well-formed UTF-16 (a lone surrogate, which a form would silently turn into U+FFFD). Walked with a stack of its own,
 * not recursion, so the check cannot overflow where JSON.stringify would.
 */
function bodyProblem(body: unknown): string | undefined {
  const pending: { value: unknown; path: string; depth: number }[] = [{ value: body, path: 'body', depth: 0 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value, path, depth } = next;
    if (typeof value === 'string') {
      if (!value.isWellFormed()) return `“${path.slice(0, 200)}” is not valid Unicode (it holds a lone surrogate).`;
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_CALL_BODY_DEPTH)
      return `The body is nested more than ${MAX_CALL_BODY_DEPTH} levels deep, the cap of sandbox_call.`;
    for (const [key, member] of Object.entries(value)) {
      if (!key.isWellFormed())
        return `A key in “${path.slice(0, 200)}” is not valid Unicode (it holds a lone surrogate).`;
      pending.push({
        value: member,
        path: Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`,
        depth: depth + 1,
      });
    }
  }
  return undefined;
}

function encodeBody(op: Operation, body: unknown): { type?: string; text?: string } | { error: string } {
  if (body === undefined) return {};
  const type = op.requestBody && Object.keys(op.requestBody.content)[0];
  if (!type) return { error: `${op.operationId} takes no request body; leave “body” out.` };
  const problem = bodyProblem(body);
  if (problem) return { error: problem };
  const json = JSON.stringify(body) ?? '';
  if (Buffer.byteLength(json, 'utf8') > MAX_CALL_BODY_BYTES)
    return { error: `The body is over ${MAX_CALL_BODY_BYTES} bytes of JSON, the cap of sandbox_call.` };
  if (type !== 'application/x-www-form-urlencoded') return { type, text: json };
  const fields = body && typeof body === 'object' && !Array.isArray(body) ? Object.entries(body) : undefined;
  if (!fields || fields.some(([, value]) => typeof value === 'object'))
    return { error: `${op.operationId} takes a form: pass “body” as an object of string values.` };
  return { type, text: new URLSearchParams(fields.map(([k, v]) => [k, String(v)])).toString() };
}

/**
 * Builds the request of one document operation against the sandbox.
 * @param parameters path, query and header parameters by their documented names
 * @param authorization the Authorization header value, if any
 * @returns the request, or an error in words (unknown parameter, missing path parameter, body not accepted)
 */
export function buildCall(
  ctx: McpContext,
  op: Operation,
  parameters: Record<string, ParameterValue>,
  body: unknown,
  authorization: string | undefined,
): BuiltCall {
  const accepted = op.parameters.filter((p) => p.in !== 'cookie' && !OWN_HEADERS.has(p.name.toLowerCase()));
  const unknown = Object.keys(parameters).filter((name) => !accepted.some((p) => p.name === name));
  if (unknown.length > 0) {
    const names = accepted.map((p: ParameterObject) => `${p.name} (${p.in})`).join(', ') || 'none';
    return {
      error: `${op.operationId} has no parameter ${unknown.map((n) => `“${n}”`).join(', ')}; it takes: ${names}.`,
    };
  }
  // encodeURIComponent throws URIError on a lone surrogate; URLSearchParams would silently send U+FFFD instead.
  const malformed = Object.entries(parameters).find(([, value]) => typeof value === 'string' && !value.isWellFormed());
  if (malformed) return { error: `The parameter “${malformed[0]}” is not valid Unicode (it holds a lone surrogate).` };
  for (const p of op.parametersIn.header) {
    const value = parameters[p.name];
    if (typeof value === 'string' && !FIELD_VALUE.test(value))
      return {
        error: `The header parameter “${p.name}” may hold only printable ASCII characters, spaces and tabs (RFC 9110 field-value): no CR, LF, NUL or other control characters, nothing above U+007E.`,
      };
  }
  const located = pathOf(op, parameters);
  if ('error' in located) return located;
  const encoded = encodeBody(op, body);
  if ('error' in encoded) return encoded;
  const headers = new Headers({ Accept: 'application/json' });
  if (authorization) headers.set('Authorization', authorization);
  if (encoded.type) headers.set('Content-Type', encoded.type);
  for (const p of op.parametersIn.header) {
    const value = parameters[p.name];
    if (value !== undefined && !OWN_HEADERS.has(p.name.toLowerCase())) headers.set(p.name, String(value));
  }
  const query = new URLSearchParams();
  for (const p of op.parametersIn.query) {
    const value = parameters[p.name];
    if (value !== undefined) query.set(p.name, String(value));
  }
  const target = query.size > 0 ? `${located.path}?${query.toString()}` : located.path;
  const request = sandboxRequest(ctx, op.method, target, {
    headers,
    ...(encoded.text !== undefined ? { body: encoded.text } : {}),
  });
  const url = new URL(request.url);
  // The invariant, checked rather than assumed: the sandbox on this origin, the operation's route, nothing resolved.
  if (url.origin !== new URL(ctx.origin).origin || url.pathname !== `${PATHS.sandbox}${located.path}`)
    return { error: 'These parameters do not make a URL within the sandbox.' };
  return { request };
}

/** HTTP Basic client authentication (RFC 6749 §2.3.1: ID and secret form-encoded before base64). */
export function basicAuthorization(clientId: string, clientSecret: string): string {
  const encode = (value: string) => encodeURIComponent(value).replace(/%20/g, '+');
  return `Basic ${Buffer.from(`${encode(clientId)}:${encode(clientSecret)}`).toString('base64')}`;
}

/**
 * An access token for an OAuth client from the sandbox's token endpoint (client credentials grant), in-process.
 * @returns the token, or the sandbox's refusal in words
 */
export async function clientCredentialsToken(
  ctx: McpContext,
  clientId: string,
  clientSecret: string,
): Promise<{ token: string } | { error: string }> {
  const response = await ctx.sandbox.handle(
    sandboxRequest(ctx, 'POST', apiModel().oauth?.tokenPath ?? '/v1/auth/token', {
      headers: {
        Authorization: basicAuthorization(clientId, clientSecret),
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    }),
  );
  const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (response.ok && typeof answer.access_token === 'string') return { token: answer.access_token };
  const reason = typeof answer.error_description === 'string' ? answer.error_description : `HTTP ${response.status}`;
  return { error: `The sandbox refused these client credentials (${String(answer.error ?? 'error')}): ${reason}` };
}
