import { LRUCache } from 'lru-cache';

import { apiModel, getOperation, type Operation } from '@/lib/openapi';

import type { ApiCall } from './api-request';
import { LIMITS } from './config';
import { problem, readBody, type FieldError, type Reply, type RequestContext } from './http';
import { parseIdempotencyKey } from './idempotency-key';
import { getProjectMetrics } from './metrics';
import { bearerChallenge, type BearerFailure, type BearerIdentity } from './oauth/bearer';
import { createProject, listProjects } from './projects';
import { isMediaType, type Runtime } from './runtime';
import { illFormedString } from './unicode';
import { nonDecimalIntegers, validateRequest, type ValidationResult } from './validate';
import { deliveryHeaderErrors, verifyWebhook } from './webhooks';

const JSON_OPERATIONS = new Set(['createProject', 'verifyWebhook']);
const RESOURCE_HANDLERS: Record<string, (call: ApiCall) => Reply> = {
  listProjects,
  createProject,
  getProjectMetrics,
  verifyWebhook,
};

/** Every document operationId the handler implements (createToken is the token endpoint). */
export const HANDLED_OPERATIONS: readonly string[] = ['createToken', ...Object.keys(RESOURCE_HANDLERS)];

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

/**
 * Reads a JSON request body (at most LIMITS.maxBodyBytes) as raw bytes and parsed value.
 * @param required - whether an empty body is still checked for its Content-Type (document operations with a body).
 * @returns the bytes and value (undefined when empty), or a 415 (not application/json) / 400 reply: not UTF-8 JSON,
 * or a string or key (at any depth) that is not well-formed Unicode (a lone surrogate escape, which SQLite would
 * store as U+FFFD), naming its JSON pointer (RFC 6901).
 * @throws BodyTooLargeError above the limit (mapped to 413 by the handler).
 */
export async function readJsonBody(
  ctx: RequestContext,
  request: Request,
  required: boolean,
): Promise<{ ok: true; raw: Uint8Array; value: unknown } | { ok: false; reply: Reply }> {
  const raw = await readBody(request, LIMITS.maxBodyBytes);
  if (raw.byteLength === 0 && !required) return { ok: true, raw, value: undefined };
  const contentType = request.headers.get('content-type');
  if (raw.byteLength > 0 && !isMediaType(contentType, 'application/json')) {
    return {
      ok: false,
      reply: problem(ctx, 415, `Content-Type ${contentType ?? '(none)'} is not supported; send application/json.`),
    };
  }
  if (raw.byteLength === 0) return { ok: true, raw, value: undefined };
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
  if (illFormed) {
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
  return { ok: true, raw, value };
}

function queryOf(url: URL): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of url.searchParams) {
    const existing = query[name];
    query[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return query;
}

let cachedDefaultEnvironment: string | undefined;

/** The document's default AeThex-Environment (read once per process); throws if the document has none. */
function defaultEnvironment(): string {
  const environment = apiModel().environment;
  if (!environment) throw new Error('the OpenAPI document has no AeThexEnvironment parameter with an enum');
  cachedDefaultEnvironment ??= environment.default;
  return cachedDefaultEnvironment;
}

/**
 * A fact of an operation derived from the document once per operationId (the hot path asks on every request, and
 * getOperation walks the operation list).
 */
function perOperation<T>(derive: (operation: Operation | undefined) => T): (operationId: string) => T {
  const facts = new Map<string, T>();
  return (operationId) => {
    if (!facts.has(operationId)) facts.set(operationId, derive(getOperation(operationId)));
    return facts.get(operationId) as T;
  };
}

/** The operation's scopes from the document. */
const scopesOf = perOperation((operation): readonly string[] => operation?.scopes ?? []);

/** 503 of a tenant in maintenance mode, with its Retry-After (seconds). */
export function maintenance(ctx: RequestContext, retryAfter: number): Reply {
  return problem(
    ctx,
    503,
    'The sandbox app is in maintenance mode (PUT /sandbox/maintenance). Retry with exponential backoff; AeThex dashboards surface ongoing maintenance windows.',
    {
      headers: { 'Retry-After': String(retryAfter) },
    },
  );
}

/** Who calls a document operation: the bearer identity or why there is none, and the tenant's maintenance state. */
export interface Caller {
  tenant: BearerIdentity | undefined;
  failure: BearerFailure | undefined;
  maintenance?: { retryAfter: number };
}

/** A declared header parameter: its lower-case name, and whether its value is part of the check's cache key. */
interface HeaderParameter {
  name: string;
  keyed: boolean;
}

const ANNOTATIONS = new Set(['type', 'description', 'title', 'example', 'examples']);

/**
 * The operation's header parameters. An optional header whose schema is a bare `type: string` (X-Request-ID) passes
 * whatever it holds, so its value is left out of the check's cache key: callers sending a fresh ID per call still
 * reuse the check.
 */
const headerParametersOf = perOperation((operation): readonly HeaderParameter[] =>
  (operation?.parameters ?? [])
    .filter((parameter) => parameter.in === 'header')
    .map((parameter) => {
      const schema = (parameter.schema ?? {}) as Record<string, unknown>;
      const anyString = schema.type === 'string' && Object.keys(schema).every((keyword) => ANNOTATIONS.has(keyword));
      return { name: parameter.name.toLowerCase(), keyed: Boolean(parameter.required) || !anyString };
    }),
);

const NO_BODY = { raw: new Uint8Array(0), value: undefined };

/**
 * Runs one document operation: bearer authentication (401 with an RFC 6750 challenge), maintenance (503), scopes
 * (403 insufficient_scope), the JSON body, request validation against the document by openapi-backend's compiled
 * validators (400 with field errors), then the resource handler.
 * @param params - path parameters from the router.
 * @returns the reply; a promise only when a body has to be read (or the validators are still being built), because
 * in `next start` every promise runs Next's async-context hooks, a cost the bodiless hot path need not pay.
 */
export function callOperation(
  rt: Runtime,
  ctx: RequestContext,
  request: Request,
  url: URL,
  operationId: string,
  params: Record<string, string>,
  who: Caller,
): Reply | Promise<Reply> {
  const identity = who.tenant;
  if (!identity) {
    const failure = who.failure ?? {
      kind: 'invalid',
      description: 'Use a Bearer access token or personal access token.',
    };
    const detail =
      failure.kind === 'missing'
        ? 'This operation needs an access token: send Authorization: Bearer <token>.'
        : `${failure.description} Verify the Bearer token and ensure it has not expired.`;
    return problem(ctx, 401, detail, { headers: { 'WWW-Authenticate': bearerChallenge(failure) } });
  }
  if (who.maintenance) return maintenance(ctx, who.maintenance.retryAfter);
  const missing = scopesOf(operationId).filter((scope) => !identity.scopes.has(scope));
  if (missing.length > 0) {
    return problem(
      ctx,
      403,
      `This operation requires the ${missing.join(' ')} scope; the token has ${[...identity.scopes].join(' ') || 'no scopes'}.`,
      {
        headers: {
          'WWW-Authenticate': `Bearer realm="aethex", error="insufficient_scope", scope="${missing.join(' ')}"`,
        },
      },
    );
  }
  const call = { rt, ctx, request, url, operationId, params, identity };
  if (!JSON_OPERATIONS.has(operationId)) return validateAndRun(call, NO_BODY);
  return readJsonBody(ctx, request, true).then((read) => (read.ok ? validateAndRun(call, read) : read.reply));
}

interface AuthorizedCall {
  rt: Runtime;
  ctx: RequestContext;
  request: Request;
  url: URL;
  operationId: string;
  params: Record<string, string>;
  identity: BearerIdentity;
}

/** What validating a call's parameters gives: the validation result and the call's AeThex-Environment. */
interface CheckedParameters {
  result: ValidationResult;
  environment: string;
}

/**
 * Passed parameter checks of bodiless calls by operation, path parameters, raw query and declared header values.
 * Validation is a pure function of exactly these, and clients repeat the same calls (polling a list, paging through
 * it), so a repeat skips the query parsing and the compiled validators. Only passes are kept (a failure's error list
 * can be long) and only for keys up to CHECKED_KEY_MAX characters: at most 1,000 × 1 KiB of keys plus small values.
 * The least recently used entry goes when full.
 */
const checkedParameters = new LRUCache<string, CheckedParameters>({ max: 1000 });
const CHECKED_KEY_MAX = 1024;

/**
 * Checks of values whose schema in the document is a `pattern` or a `minLength`, run before the document's
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

/**
 * Validates a call's parameters (and body) against the document: integers written as plain decimals, then the
 * helpful checks together with openapi-backend's compiled validators (coercion, defaults). A promise only while the
 * validators are being built.
 */
function checkParameters(
  call: AuthorizedCall,
  headers: Record<string, string>,
  body: unknown,
): CheckedParameters | Promise<CheckedParameters> {
  const { ctx, request, url, operationId } = call;
  const query = queryOf(url);
  const notDecimal = nonDecimalIntegers(operationId, query);
  const environment = () => headers['aethex-environment'] ?? defaultEnvironment();
  if (notDecimal.length > 0) return { result: { ok: false, errors: notDecimal }, environment: environment() };
  const helpful = HELPFUL_CHECKS[operationId]?.(headers, body) ?? [];
  const validation = validateRequest(operationId, {
    method: request.method === 'HEAD' ? 'GET' : request.method,
    path: ctx.path + url.search,
    headers,
    query,
    params: call.params,
    ...(body !== undefined ? { body } : {}),
  });
  // Ajv fills the header defaults into `headers` (useDefaults), so the environment is read after validation.
  return validation instanceof Promise
    ? validation.then((result) => ({ result: withHelpful(result, helpful), environment: environment() }))
    : { result: withHelpful(validation, helpful), environment: environment() };
}

/** Validates an authorized call (query, declared headers, body) and runs its resource handler. */
function validateAndRun(call: AuthorizedCall, body: { raw: Uint8Array; value: unknown }): Reply | Promise<Reply> {
  const { ctx, request, url, operationId } = call;
  // Only the operation's header parameters: the document's header schemas allow any other header, so the rest
  // would only be copied to be ignored.
  const headers: Record<string, string> = {};
  let key = body.value === undefined ? `${operationId}\n${url.search}` : undefined;
  for (const { name, keyed } of headerParametersOf(operationId)) {
    const value = request.headers.get(name);
    if (value !== null) headers[name] = value;
    if (key !== undefined && keyed) key += value === null ? '\n\u0000' : `\n${value}`;
  }
  if (key !== undefined) key += `\n${JSON.stringify(call.params)}`;
  const run = (checked: CheckedParameters): Reply => {
    if (key !== undefined && checked.result.ok && key.length <= CHECKED_KEY_MAX && !checkedParameters.has(key)) {
      checkedParameters.set(key, checked);
    }
    const { result } = checked;
    if (!result.ok) return problem(ctx, 400, validationDetail(result.errors), { errors: result.errors });
    const handler = RESOURCE_HANDLERS[operationId];
    // A document operation the sandbox lacks (the contract test fails until it exists) says so instead of crashing.
    if (!handler)
      return problem(ctx, 501, `The sandbox does not implement ${operationId} yet; the API reference describes it.`, {
        title: 'Not Implemented',
      });
    return handler({
      rt: call.rt,
      ctx,
      identity: call.identity,
      params: call.params,
      body: body.value,
      rawBody: body.raw,
      query: result.value.query,
      environment: checked.environment,
      header: (name) => request.headers.get(name),
    });
  };
  const checked =
    (key !== undefined ? checkedParameters.get(key) : undefined) ?? checkParameters(call, headers, body.value);
  return checked instanceof Promise ? checked.then(run) : run(checked);
}
