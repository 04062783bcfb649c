/**
 * The SamplePlan of one concrete request (the console's "code for this request"). It reads nothing
 * from the OpenAPI document, so the browser console can bundle it (through ./request-sample).
 */
import type { SampleAuth, SampleOptions, SamplePlan, SampleRequest } from './types';

/** Generated per run (or read from AETHEX_IDEMPOTENCY_KEY), never a literal: a fixed key would replay forever. */
export const IDEMPOTENCY_HEADER = 'idempotency-key';

/**
 * The plan of one concrete request. `Authorization: Bearer …` becomes `$AETHEX_TOKEN` unless
 * `options.includeToken` is given (then that token is embedded); `Basic …` becomes the client id and
 * secret variables; an `Idempotency-Key` becomes a fresh key per run (or `$AETHEX_IDEMPOTENCY_KEY`).
 * A body without a Content-Type header is sent as `application/json`.
 */
export function planForRequest(request: SampleRequest, options: SampleOptions = {}): SamplePlan {
  let auth: SampleAuth = { kind: 'none' };
  let idempotencyKey = false;
  const headers: [string, string][] = [];
  for (const [name, value] of Object.entries(request.headers)) {
    const lower = name.toLowerCase();
    if (lower === 'authorization') {
      if (/^basic\s/i.test(value)) auth = { kind: 'basic' };
      else if (options.includeToken !== undefined) auth = { kind: 'literal', value: `Bearer ${options.includeToken}` };
      else auth = { kind: 'bearer' };
    } else if (lower === IDEMPOTENCY_HEADER) idempotencyKey = true;
    else headers.push([name, value]);
  }
  let body: SamplePlan['body'];
  if (request.body !== undefined) {
    const contentType = headers.find(([name]) => name.toLowerCase() === 'content-type');
    if (!contentType) headers.push(['Content-Type', 'application/json']);
    body = {
      mimeType: (contentType?.[1] ?? 'application/json').split(';')[0]?.trim() ?? 'application/json',
      text: request.body,
    };
  }
  return {
    method: request.method.toUpperCase(),
    path: request.path,
    pathVariables: [],
    query: request.query,
    headers,
    auth,
    idempotencyKey,
    body,
  };
}
