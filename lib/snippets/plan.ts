/**
 * Builds the language-neutral SamplePlan of a sample, from an operation of the OpenAPI document
 * (its documented examples) or from one concrete request (the console's "code for this request").
 */
import { deref, getDocument, getOperation, type Operation, type ParameterObject } from '@/lib/openapi';

import { SENTINEL } from './generate';
import { IDEMPOTENCY_HEADER } from './plan-request';
import type { BodyVariable, PathVariable, SampleAuth, SamplePlan } from './types';

// planForRequest needs no document, so it lives in ./plan-request (safe to bundle for the browser console).
export { planForRequest } from './plan-request';

/** Headers a sample sends when the operation documents them; other optional ones are left out. */
const SENT_HEADERS = new Set(['aethex-environment']);

function exampleOf(parameter: ParameterObject): string | undefined {
  const value =
    parameter.example ?? parameter.schema.default ?? (parameter.schema.examples as unknown[] | undefined)?.[0];
  return value === undefined ? undefined : String(value);
}

/** `type` (and `scheme`) of a security scheme of the document, by name. */
function schemeOf(name: string): { type?: string; scheme?: string } {
  const schemes =
    (getDocument().components as { securitySchemes?: Record<string, unknown> } | undefined)?.securitySchemes ?? {};
  return deref(schemes[name] ?? {}) as { type?: string; scheme?: string };
}

/**
 * Basic client authentication if any alternative uses an http basic scheme (the token endpoint),
 * else a bearer token if any alternative is oauth2 or http bearer, else none.
 */
function authOf(operation: Operation): SampleAuth {
  const schemes = operation.security.flatMap((requirement) => Object.keys(requirement).map(schemeOf));
  if (schemes.some((s) => s.type === 'http' && s.scheme?.toLowerCase() === 'basic')) return { kind: 'basic' };
  if (
    schemes.some(
      (s) =>
        s.type === 'oauth2' ||
        s.type === 'openIdConnect' ||
        (s.type === 'http' && s.scheme?.toLowerCase() === 'bearer'),
    )
  ) {
    return { kind: 'bearer' };
  }
  return { kind: 'none' };
}

/** The first named example of the request body, serialised the way its media type is sent. */
function bodyOf(operation: Operation): SamplePlan['body'] {
  const [mimeType, media] = Object.entries(operation.requestBody?.content ?? {})[0] ?? [];
  if (!mimeType || !media) return undefined;
  const value = Object.values(media.examples ?? {})[0]?.value;
  if (value === undefined) return undefined;
  if (mimeType === 'application/x-www-form-urlencoded') {
    return { mimeType, text: new URLSearchParams(value as Record<string, string>).toString() };
  }
  const delivery = deliveryOf(value);
  if (delivery) return { mimeType, text: JSON.stringify(delivery.value, null, 2), variables: delivery.variables };
  return { mimeType, text: typeof value === 'string' ? value : JSON.stringify(value, null, 2) };
}

/**
 * A body carrying a Standard Webhooks delivery (`{payload: string, headers: {"webhook-…": string}}`, the shape of
 * verifyWebhook's request) is read from AETHEX_WEBHOOK_PAYLOAD (the raw body) and AETHEX_WEBHOOK_ID /
 * AETHEX_WEBHOOK_TIMESTAMP / AETHEX_WEBHOOK_SIGNATURE, falling back to the example: a documented delivery has a
 * fixed timestamp, so only the reader's own delivery can verify. Returns the body with sentinels, or undefined.
 */
function deliveryOf(value: unknown): { value: unknown; variables: BodyVariable[] } | undefined {
  const body = value as { payload?: unknown; headers?: Record<string, unknown> } | undefined;
  if (!body || typeof body.payload !== 'string' || typeof body.headers !== 'object' || body.headers === null)
    return undefined;
  const names = Object.keys(body);
  const headers = Object.entries(body.headers);
  if (
    names.length !== 2 ||
    headers.length === 0 ||
    !headers.every(([name, v]) => /^webhook-[a-z]+$/.test(name) && typeof v === 'string')
  )
    return undefined;
  const variables: BodyVariable[] = [];
  const read = (env: string, fallback: string) => {
    variables.push({ env, fallback });
    return SENTINEL.pathVariable(env);
  };
  const filled: Record<string, unknown> = {};
  for (const name of names) {
    filled[name] =
      name === 'payload'
        ? read('AETHEX_WEBHOOK_PAYLOAD', body.payload)
        : Object.fromEntries(
            headers.map(([header, v]) => [
              header,
              read(`AETHEX_${header.replace(/-/g, '_').toUpperCase()}`, String(v)),
            ]),
          );
  }
  return { value: filled, variables };
}

/**
 * The plan of an operation's sample: documented query and header examples, path parameters from
 * `AETHEX_<NAME>` environment variables (default: their example), the first request body example.
 * @throws Error if the document has no such operation, or a path parameter has no example
 */
export function planForOperation(operationId: string): SamplePlan {
  const operation = getOperation(operationId);
  if (!operation) throw new Error(`snippets: the OpenAPI document has no operation "${operationId}"`);
  const pathVariables: PathVariable[] = [];
  const query: [string, string][] = [];
  const headers: [string, string][] = [];
  let idempotencyKey = false;
  for (const parameter of operation.parameters) {
    const example = exampleOf(parameter);
    if (parameter.in === 'path') {
      if (example === undefined)
        throw new Error(`snippets: path parameter ${parameter.name} of ${operationId} has no example`);
      pathVariables.push({
        name: parameter.name,
        env: `AETHEX_${parameter.name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}`,
        fallback: example,
      });
    } else if (parameter.in === 'query' && example !== undefined) {
      query.push([parameter.name, example]);
    } else if (parameter.in === 'header') {
      const name = parameter.name.toLowerCase();
      if (name === IDEMPOTENCY_HEADER) idempotencyKey = true;
      else if (example !== undefined && (parameter.required || SENT_HEADERS.has(name)))
        headers.push([parameter.name, example]);
    }
  }
  const body = bodyOf(operation);
  if (body) headers.push(['Content-Type', body.mimeType]);
  return {
    method: operation.method,
    path: operation.path,
    pathVariables,
    query,
    headers,
    auth: authOf(operation),
    idempotencyKey,
    body,
  };
}
