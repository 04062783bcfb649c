import { LRUCache } from 'lru-cache';

import { apiModel, getOperation } from '@/lib/openapi';

import type { Identity } from './call';
import { SANDBOX_SCOPE } from './config';
import { problem, type FieldError, type Reply, type RequestContext } from './http';
import { parseIdempotencyKey } from './idempotency-key';
import { bearerChallenge } from './oauth/bearer';
import type { Route } from './router';
import { isMediaType } from './runtime';
import { illFormedString } from './unicode';
import { nonDecimalIntegers, validateRequest, type ValidationResult } from './validate';
import { deliveryHeaderErrors } from './webhooks';

/** A sentence for a validation problem's `detail`. */
function validationDetail(errors: FieldError[]): string {
  const describe = (error: FieldError) => {
    const missing = /^must have required property '(.+)'$/.exec(error.message);
    if (missing)
      return `${error.field.startsWith('/') || error.field === '' ? 'The body field' : 'The parameter'} ${error.field || missing[1]} is missing`;
    return `${error.field === '' ? 'The body' : error.field.startsWith('/') ? `The body field ${error.field}` : `The parameter ${error.field}`} ${error.message}`;
  };
  if (errors.length === 1) return `${describe(errors[0]!)}.`;
  return `The request has ${errors.length} invalid fields: ${errors.map(describe).join('; ')}.`;
}

/** 503 of a tenant in maintenance mode, with its Retry-After (seconds). */
export function maintenance(ctx: RequestContext, retryAfter: number): Reply {
  return problem(
    ctx,
    503,
    'The sandbox app is in maintenance mode (PUT /sandbox/maintenance). Retry with exponential backoff; AeThex dashboards surface ongoing maintenance windows.',
    { headers: { 'Retry-After': String(retryAfter) } },
  );
}

/** 403 insufficient_scope (RFC 6750 §3.1) naming what the route needs and what the token has. */
function insufficientScope(
  ctx: RequestContext,
  missing: readonly string[],
  held: Set<string>,
  subject: string,
  advice = '',
): Reply {
  const has = [...held].join(' ') || 'no scopes';
  return problem(ctx, 403, `${subject} requires the ${missing.join(' ')} scope; the token has ${has}.${advice}`, {
    headers: { 'WWW-Authenticate': `Bearer realm="aethex", error="insufficient_scope", scope="${missing.join(' ')}"` },
  });
}

/**
 * Access to a route: `bearer` routes need a valid bearer credential (401 with an RFC 6750 challenge), a tenant not
 * in maintenance (503) and the operation's scopes from the document (403); `manage` routes a bearer credential with
 * the sandbox-only SANDBOX_SCOPE; `tenant` routes any bearer credential (401 without); `open` document operations
 * (the token endpoint) only the maintenance check.
 * @returns the refusal, or undefined when the call may go on.
 */
export function accessDenied(ctx: RequestContext, route: Route, who: Identity): Reply | undefined {
  if (route.access === 'open')
    return route.documented && who.maintenance ? maintenance(ctx, who.maintenance.retryAfter) : undefined;
  const identity = who.tenant;
  if (!identity) {
    const failure = who.failure ?? { kind: 'missing' as const };
    const detail =
      route.access === 'manage'
        ? "Send the sandbox app's access token or personal access token as Authorization: Bearer <token>."
        : failure.kind === 'missing'
          ? 'This operation needs an access token: send Authorization: Bearer <token>.'
          : `${failure.description} Verify the Bearer token and ensure it has not expired.`;
    return problem(ctx, 401, detail, { headers: { 'WWW-Authenticate': bearerChallenge(failure) } });
  }
  if (route.access === 'tenant') return undefined;
  if (route.access === 'manage') {
    if (identity.scopes.has(SANDBOX_SCOPE.name)) return undefined;
    const advice = ` Request ${SANDBOX_SCOPE.name} (the sandbox app must hold it) or use its personal access token.`;
    return insufficientScope(ctx, [SANDBOX_SCOPE.name], identity.scopes, 'This sandbox-only route', advice);
  }
  if (who.maintenance) return maintenance(ctx, who.maintenance.retryAfter);
  const missing = (getOperation(route.key)?.scopes ?? []).filter((scope) => !identity.scopes.has(scope));
  return missing.length > 0 ? insufficientScope(ctx, missing, identity.scopes, 'This operation') : undefined;
}

/**
 * Parses a JSON request body (already read within LIMITS.maxBodyBytes).
 * @returns the value (undefined when empty), or a 415 (not application/json) / 400 reply: not UTF-8 JSON, or a
 * string or key (at any depth) that is not well-formed Unicode (a lone surrogate escape, which a database would
 * store as U+FFFD), naming its JSON pointer (RFC 6901).
 */
export function parseJsonBody(
  ctx: RequestContext,
  request: Request,
  raw: Uint8Array,
): { ok: true; value: unknown } | { ok: false; reply: Reply } {
  if (raw.byteLength === 0) return { ok: true, value: undefined };
  const contentType = request.headers.get('content-type');
  if (!isMediaType(contentType, 'application/json'))
    return {
      ok: false,
      reply: problem(ctx, 415, `Content-Type ${contentType ?? '(none)'} is not supported; send application/json.`),
    };
  let text: string;
  let value: unknown;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
    value = JSON.parse(text) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : 'invalid JSON';
    return {
      ok: false,
      reply: problem(ctx, 400, `The body is not valid JSON (${message}).`, {
        errors: [{ field: '', message: 'must be valid UTF-8 JSON' }],
      }),
    };
  }
  const illFormed = illFormedString(text, value);
  if (!illFormed) return { ok: true, value };
  return {
    ok: false,
    reply: problem(
      ctx,
      400,
      `${validationDetail([illFormed])} Send the character itself (UTF-8) or its complete surrogate pair.`,
      { errors: [illFormed] },
    ),
  };
}

/**
 * Checks of values whose schema in the document is a `pattern` or a `minLength`, run beside the document's
 * validators because Ajv's message for them ("must match pattern …") does not say what to send instead. Each
 * returns field errors named as the validators name them (lower-case header names, JSON pointers into the body),
 * which replace the validators' errors for the same fields.
 */
const HELPFUL_CHECKS: Record<string, (headers: Record<string, string>, body: unknown) => FieldError[]> = {
  createProject: (headers) => {
    const key = headers['idempotency-key'];
    const parsed = key === undefined ? undefined : parseIdempotencyKey(key);
    return parsed && !parsed.ok ? [parsed.error] : [];
  },
  verifyWebhook: (_headers, body) => deliveryHeaderErrors(body),
};

/** A validation result with the helpful checks' errors in front, replacing the validators' errors on the same fields. */
function withHelpful(result: ValidationResult, helpful: FieldError[]): ValidationResult {
  if (helpful.length === 0) return result;
  const others = result.ok
    ? []
    : result.errors.filter((error) => !helpful.some((first) => first.field === error.field));
  return { ok: false, errors: [...helpful, ...others] };
}

/** A header parameter: its lower-case name, and whether its value can fail validation (then it keys `passed`). */
interface HeaderParameter {
  name: string;
  checked: boolean;
}

const headerParameters = new Map<string, readonly HeaderParameter[]>();
const ANNOTATIONS = new Set(['type', 'description', 'title', 'example', 'examples']);

/** An operation's header parameters, read from the document once per operation. */
function headerParametersOf(operationId: string): readonly HeaderParameter[] {
  let found = headerParameters.get(operationId);
  if (!found) {
    found = (getOperation(operationId)?.parametersIn.header ?? []).map((parameter) => {
      const schema = (parameter.schema ?? {}) as Record<string, unknown>;
      // An optional header typed as any string (X-Request-ID) passes whatever it holds.
      const anyString = schema.type === 'string' && Object.keys(schema).every((keyword) => ANNOTATIONS.has(keyword));
      return { name: parameter.name.toLowerCase(), checked: Boolean(parameter.required) || !anyString };
    });
    headerParameters.set(operationId, found);
  }
  return found;
}

/**
 * Passed validations of bodiless calls, by operation, method, path, raw query and the values of the headers that can
 * fail; the 1,000 most recently used keys of up to 1 KiB. Validation is a pure function of exactly these, and
 * clients repeat the same calls (polling a list, paging through it). Why: validating `GET /v1/projects?limit=25`
 * took 50 µs of a 170 µs request (bench machine); a repeat takes a lookup. Failures are not kept.
 */
const passed = new LRUCache<string, { query: Record<string, unknown>; environment: string }>({ max: 1_000 });
const PASSED_KEY_MAX = 1_024;

/** A URL's query as openapi-backend reads it: repeated names become arrays. */
function queryOf(url: URL): Record<string, string | string[]> {
  // No prototype: a parameter named __proto__ is a name like any other, not the object's prototype.
  const query: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const [name, value] of url.searchParams) {
    const existing = query[name];
    query[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return query;
}

/**
 * Validates a document operation's request against the document: integers written as plain decimals, the helpful
 * checks, then openapi-backend (query, headers, path, body; coercion and defaults).
 * @returns the coerced query and the call's AeThex-Environment (document default when absent), or a 400 problem
 * listing every invalid field.
 */
export async function validateCall(
  ctx: RequestContext,
  request: Request,
  url: URL,
  operationId: string,
  body: unknown,
): Promise<{ ok: true; query: Record<string, unknown>; environment: string } | { ok: false; reply: Reply }> {
  // The operation's header parameters only: its header schemas allow any other header, so the rest would be copied
  // only to be ignored.
  const headers: Record<string, string> = Object.create(null) as Record<string, string>;
  let key = body === undefined ? `${operationId} ${request.method} ${ctx.path}${url.search}` : undefined;
  for (const { name, checked } of headerParametersOf(operationId)) {
    const value = request.headers.get(name);
    if (value !== null) headers[name] = value;
    if (key !== undefined && checked) key += value === null ? '\n\u0000' : `\n${value}`;
  }
  if (key !== undefined && key.length > PASSED_KEY_MAX) key = undefined;
  const known = key === undefined ? undefined : passed.get(key);
  if (known) return { ok: true, ...known };
  const query = queryOf(url);
  const notDecimal = nonDecimalIntegers(operationId, query);
  const result: ValidationResult =
    notDecimal.length > 0
      ? { ok: false, errors: notDecimal }
      : withHelpful(
          await validateRequest(operationId, {
            method: request.method === 'HEAD' ? 'GET' : request.method,
            path: ctx.path,
            headers,
            query,
            ...(body !== undefined ? { body } : {}),
          }),
          HELPFUL_CHECKS[operationId]?.(headers, body) ?? [],
        );
  if (!result.ok)
    return { ok: false, reply: problem(ctx, 400, validationDetail(result.errors), { errors: result.errors }) };
  const environment = String(result.value.headers['aethex-environment'] ?? apiModel().environment?.default ?? '');
  const checkedCall = { query: Object.freeze(result.value.query), environment };
  if (key !== undefined) passed.set(key, checkedCall);
  return { ok: true, ...checkedCall };
}
