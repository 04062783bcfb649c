/**
 * Builds the language-neutral SamplePlan of a sample, from an operation of the OpenAPI document
 * (its documented examples) or from one concrete request (the console's "code for this request").
 */
import {
  apiModel,
  exampleValue,
  firstExample,
  getOperation,
  type Operation,
  type ParameterObject,
} from '@/lib/openapi';

import { SENTINEL } from './generate';
import { literalsOf } from './literals';
import type { BodyVariable, PathVariable, SampleOptions, SamplePlan } from './types';

// planForRequest needs no document, so it lives in ./plan-request (safe to bundle for the browser console).
export { planForRequest } from './plan-request';

function exampleOf(parameter: ParameterObject): string | undefined {
  const value = exampleValue(parameter);
  return value === undefined ? undefined : String(value);
}

/** The first example of the request body, serialised the way its media type is sent. */
function bodyOf(operation: Operation): SamplePlan['body'] {
  const [mimeType, media] = Object.entries(operation.requestBody?.content ?? {})[0] ?? [];
  if (!mimeType || !media) return undefined;
  const value = firstExample(media);
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
 * `AETHEX_<NAME>` environment variables (default: their example), the first request body example;
 * `options` writes the base URL and credentials literally instead of reading them from the environment.
 * @throws Error if the document has no such operation, or a path parameter has no example
 */
export function planForOperation(operationId: string, options: SampleOptions = {}): SamplePlan {
  const operation = getOperation(operationId);
  if (!operation) throw new Error(`snippets: the OpenAPI document has no operation "${operationId}"`);
  const pathVariables: PathVariable[] = [];
  const query: [string, string][] = [];
  const headers: [string, string][] = [];
  // The one optional header a sample sends (when documented): the environment, so a copied sample states its target.
  const environmentHeader = apiModel().environment?.header.toLowerCase();
  const idempotencyHeader = operation.idempotency?.header;
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
    } else if (parameter.in === 'header' && parameter.name !== idempotencyHeader) {
      if (example !== undefined && (parameter.required || parameter.name.toLowerCase() === environmentHeader))
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
    auth: { kind: operation.credential },
    ...literalsOf(options),
    ...(idempotencyHeader ? { idempotencyHeader } : {}),
    body,
  };
}
