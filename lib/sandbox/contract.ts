import type { ValidateFunction } from 'ajv';

import { getDocument, getOperation, resolveRef } from '@/lib/openapi';

import { createAjv } from './ajv';
import { exposedHeaders } from './config';
import { matchRoute } from './router';

/**
 * Contract checks for the test suite: every response the sandbox sends (status, headers, body) is validated against
 * the OpenAPI document with Ajv 2020 on the document's own schemas (referenced by JSON pointer, so `$ref`s resolve
 * exactly as the document says). openapi-backend's response validation only covers `application/json`, and most
 * AeThex errors are `application/problem+json`, hence Ajv directly.
 */
const DOC_ID = 'aethex';
const instances = new Map<boolean, ReturnType<typeof createAjv>>();
const compiled = new Map<string, ValidateFunction>();

/** A validator for the schema at `pointer`; `coerce` (headers only) lets "60" satisfy `type: integer`. */
function validator(pointer: string, coerce: boolean): ValidateFunction {
  let ajv = instances.get(coerce);
  if (!ajv) {
    ajv = createAjv({ validateSchema: false, coerceTypes: coerce });
    ajv.addSchema(structuredClone(getDocument()) as object, DOC_ID);
    instances.set(coerce, ajv);
  }
  const cacheKey = `${coerce}:${pointer}`;
  let fn = compiled.get(cacheKey);
  if (!fn) {
    // Wrapped in an object so Ajv can coerce a header string to the schema's integer type.
    fn = ajv.compile({ type: 'object', properties: { value: { $ref: `${DOC_ID}${pointer}` } } });
    compiled.set(cacheKey, fn);
  }
  return fn;
}

const escapeSegment = (segment: string) => encodeURIComponent(segment.replaceAll('~', '~0').replaceAll('/', '~1'));

/** Follows `$ref` chains from a JSON pointer, returning the final pointer and object. */
function follow(pointer: string): { pointer: string; value: Record<string, unknown> } {
  let current = pointer;
  let value = resolveRef<Record<string, unknown>>(decodeURIComponent(current));
  while (typeof value.$ref === 'string') {
    current = value.$ref
      .split('/')
      .map((part, index) => (index === 0 ? part : escapeSegment(part.replaceAll('~1', '/').replaceAll('~0', '~'))))
      .join('/');
    value = resolveRef<Record<string, unknown>>(value.$ref);
  }
  return { pointer: current, value };
}

/** Where in the document the response for this request and status is described, or a violation. */
function responsePointer(method: string, path: string, status: number): string | { violation: string } | null {
  if (method === 'OPTIONS') return null;
  const match = matchRoute(method, path);
  if (match.kind === 'route' && match.documented) {
    const operation = getOperation(match.key)!;
    const verb = method === 'HEAD' ? 'get' : method.toLowerCase();
    const responses =
      (getDocument().paths as Record<string, Record<string, { responses: Record<string, unknown> }>>)[operation.path]?.[
        verb
      ]?.responses ?? {};
    if (!(String(status) in responses))
      return { violation: `status ${status} is not documented for ${operation.operationId}` };
    return `#/paths/${escapeSegment(operation.path)}/${verb}/responses/${status}`;
  }
  if (status === 429) return '#/components/responses/TooManyRequests';
  if (match.kind === 'not-found')
    return status === 404 ? '#/components/responses/NotFound' : { violation: `status ${status} on an unknown route` };
  if (match.kind === 'method-not-allowed')
    return status === 405
      ? '#/components/responses/MethodNotAllowed'
      : { violation: `status ${status} on a wrong method` };
  return null;
}

function checkValue(pointer: string, value: unknown, what: string, violations: string[], coerce = false): void {
  const fn = validator(pointer, coerce);
  if (!fn({ value }))
    violations.push(
      `${what}: ${(fn.errors ?? []).map((e) => `${e.instancePath.replace(/^\/value/, '') || '/'} ${e.message}`).join('; ')}`,
    );
}

/** Number of responses checked so far in this process (tests report it). */
export let checkedResponses = 0;

/**
 * Checks one sandbox response against the document.
 * @param method - request method; @param path - request path relative to the sandbox mount (`/v1/projects`).
 * @returns the violations (empty when the response conforms).
 */
export function contractViolations(
  method: string,
  path: string,
  status: number,
  headers: Headers,
  body: string,
): string[] {
  checkedResponses += 1;
  const violations: string[] = [];
  if (status >= 500 && status !== 503) violations.push(`status ${status} must never be sent`);
  if (!/^[A-Za-z0-9._:-]{1,128}$/.test(headers.get('x-request-id') ?? ''))
    violations.push('X-Request-ID missing or unsafe');
  const exposed = (headers.get('access-control-expose-headers') ?? '').toLowerCase();
  for (const name of exposedHeaders().split(', '))
    if (!exposed.includes(name.toLowerCase())) violations.push(`Access-Control-Expose-Headers lacks ${name}`);
  if (method !== 'OPTIONS') {
    for (const name of ['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset']) {
      if (!/^\d+$/.test(headers.get(name) ?? '')) violations.push(`${name} missing`);
    }
  }
  const contentType = (headers.get('content-type') ?? '').split(';')[0]!.trim();
  if (contentType === 'application/problem+json' && method !== 'HEAD') {
    try {
      const problemBody = JSON.parse(body) as { request_id?: string; status?: number };
      checkValue('#/components/schemas/Problem', problemBody, 'problem body', violations);
      if (problemBody.request_id !== headers.get('x-request-id'))
        violations.push('problem request_id differs from X-Request-ID');
      if (problemBody.status !== status) violations.push('problem status differs from the HTTP status');
    } catch {
      violations.push('problem body is not JSON');
    }
  }
  const located = responsePointer(method, path, status);
  if (located === null) return violations;
  if (typeof located === 'object') return [...violations, located.violation];
  const { pointer, value: response } = follow(located);
  for (const [name, raw] of Object.entries((response.headers ?? {}) as Record<string, Record<string, unknown>>)) {
    const header = raw.$ref
      ? follow(raw.$ref as string)
      : { pointer: `${pointer}/headers/${escapeSegment(name)}`, value: raw };
    const actual = headers.get(name);
    if (actual === null) {
      if (header.value.required) violations.push(`required header ${name} missing`);
      continue;
    }
    checkValue(`${header.pointer}/schema`, actual, `header ${name}`, violations, true);
  }
  const content = (response.content ?? {}) as Record<string, unknown>;
  if (method === 'HEAD' || Object.keys(content).length === 0) return violations;
  if (!(contentType in content))
    return [...violations, `Content-Type ${contentType} not documented (${Object.keys(content).join(', ')})`];
  try {
    checkValue(`${pointer}/content/${escapeSegment(contentType)}/schema`, JSON.parse(body), 'body', violations);
  } catch {
    violations.push('body is not JSON');
  }
  return violations;
}
