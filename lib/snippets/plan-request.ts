/**
 * The SamplePlan of one concrete request (the console's "code for this request"). It reads nothing
 * from the OpenAPI document, so the browser console can bundle it (through ./request-sample).
 */
import { literalsOf } from './literals';
import type { SampleAuth, SampleOptions, SamplePlan, SampleRequest } from './types';

/**
 * The plan of one concrete request. `Authorization: Bearer …` becomes `$AETHEX_TOKEN` unless
 * `options.token` is given (then that token is embedded); `Basic …` becomes the client id and
 * secret variables (or `options.clientId` / `clientSecret`); `options.baseUrl` replaces `$AETHEX_BASE_URL`; the header `request.idempotencyHeader` names becomes a fresh key per run (or
 * `$AETHEX_IDEMPOTENCY_KEY`): a fixed key would replay forever.
 * A body without a Content-Type header is sent as `application/json`.
 */
export function planForRequest(request: SampleRequest, options: SampleOptions = {}): SamplePlan {
  let auth: SampleAuth = { kind: 'none' };
  const headers: [string, string][] = [];
  const idempotency = request.idempotencyHeader?.toLowerCase();
  let idempotencyHeader: string | undefined;
  for (const [name, value] of Object.entries(request.headers)) {
    const lower = name.toLowerCase();
    if (lower === 'authorization') {
      auth = { kind: /^basic\s/i.test(value) ? 'client-basic' : 'bearer' };
    } else if (lower === idempotency) idempotencyHeader = request.idempotencyHeader;
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
    ...literalsOf(options),
    ...(idempotencyHeader ? { idempotencyHeader } : {}),
    body,
  };
}
