import type { ValidateFunction } from 'ajv';

import {
  getOperation,
  responseSchemaPointers,
  schemaPointer,
  validationDocument,
  type ResponseSchemaPointers,
} from '@/lib/openapi';

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
    ajv.addSchema(validationDocument(), DOC_ID);
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

/** The schemas of the documented response for this request and status, or a violation. */
function responseSchemas(
  method: string,
  path: string,
  status: number,
): ResponseSchemaPointers | { violation: string } | null {
  if (method === 'OPTIONS') return null;
  const match = matchRoute(method, path);
  const reusable = (response: string) => responseSchemaPointers({ response }) ?? { violation: `no ${response}` };
  if (match.kind === 'route' && match.route.documented) {
    const operation = getOperation(match.route.key)!;
    return (
      responseSchemaPointers({ operationId: operation.operationId, status: String(status) }) ?? {
        violation: `status ${status} is not documented for ${operation.operationId}`,
      }
    );
  }
  if (status === 429) return reusable('TooManyRequests');
  if (match.kind === 'not-found')
    return status === 404 ? reusable('NotFound') : { violation: `status ${status} on an unknown route` };
  if (match.kind === 'method-not-allowed')
    return status === 405 ? reusable('MethodNotAllowed') : { violation: `status ${status} on a wrong method` };
  return null;
}

function checkValue(pointer: string, value: unknown, what: string, violations: string[], coerce = false): void {
  const fn = validator(pointer, coerce);
  if (!fn({ value }))
    violations.push(
      `${what}: ${(fn.errors ?? []).map((e) => `${e.instancePath.replace(/^\/value/, '') || '/'} ${e.message}`).join('; ')}`,
    );
}

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
      checkValue(schemaPointer('Problem'), problemBody, 'problem body', violations);
      if (problemBody.request_id !== headers.get('x-request-id'))
        violations.push('problem request_id differs from X-Request-ID');
      if (problemBody.status !== status) violations.push('problem status differs from the HTTP status');
    } catch {
      violations.push('problem body is not JSON');
    }
  }
  const located = responseSchemas(method, path, status);
  if (located === null) return violations;
  if ('violation' in located) return [...violations, located.violation];
  for (const header of located.headers) {
    const actual = headers.get(header.name);
    if (actual === null) {
      if (header.required) violations.push(`required header ${header.name} missing`);
      continue;
    }
    checkValue(header.schema, actual, `header ${header.name}`, violations, true);
  }
  const content = located.content;
  if (method === 'HEAD' || Object.keys(content).length === 0) return violations;
  const schema = content[contentType];
  if (schema === undefined)
    return [...violations, `Content-Type ${contentType} not documented (${Object.keys(content).join(', ')})`];
  try {
    checkValue(schema, JSON.parse(body), 'body', violations);
  } catch {
    violations.push('body is not JSON');
  }
  return violations;
}
