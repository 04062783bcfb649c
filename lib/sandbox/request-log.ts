/**
 * Each tenant's request log: the sandbox keeps every exchange it answers for a tenant that the request proved (a
 * bearer access token or personal access token, HTTP Basic client credentials of the tenant's client, or the
 * `POST /sandbox/apps` that created it), redacted (redact.ts), the newest `rt.caps.requestLogEntries`, for the
 * tenant's lifetime; `GET /sandbox/requests/{request_id}` shows one. Why: the API tells callers to quote the request
 * ID; with the log, the portal can show what that request was and what it got.
 */
import { LIMITS } from './config';
import { isRequestId, json, problem, type Reply, type RequestContext } from './http';
import { redactAuthorization, redactBody, redactQuery, redactText } from './redact';
import type { Runtime } from './runtime';
import type { RequestLogRow } from './store';

/** The sandbox-only route of a lookup; what it answers is never logged (a lookup must not push entries out). */
export const REQUEST_LOG_PATH = '/requests/';

/** Request headers the log keeps, by canonical name (Cookie never; Authorization only as its scheme). */
const KEPT_REQUEST_HEADERS = ['Content-Type', 'Accept', 'Idempotency-Key', 'AeThex-Environment', 'X-Request-ID'];

/** Whether a path within the mount is a lookup of the request log (not logged itself). */
export function isLookupPath(path: string): boolean {
  return path.startsWith(REQUEST_LOG_PATH);
}

/** A body as the log keeps it: redacted, at most LIMITS.requestLogBodyBytes of UTF-8, cut at a character boundary. */
function keptBody(text: string | null, contentType: string | undefined): { body: string | null; truncated: number } {
  if (text === null || text === '') return { body: null, truncated: 0 };
  // PostgreSQL text cannot hold U+0000; the log shows the replacement character instead.
  const redacted = redactBody(text, contentType).replaceAll('\u0000', '\uFFFD');
  const max = LIMITS.requestLogBodyBytes;
  if (redacted.length * 3 <= max || Buffer.byteLength(redacted) <= max) return { body: redacted, truncated: 0 };
  const bytes = Buffer.from(redacted);
  let end = max;
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end -= 1;
  return { body: bytes.subarray(0, end).toString('utf8'), truncated: 1 };
}

/** The request headers the log keeps (KEPT_REQUEST_HEADERS, values redacted, Authorization as its scheme). */
function keptRequestHeaders(request: Request): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of KEPT_REQUEST_HEADERS) {
    const value = request.headers.get(name);
    if (value !== null) kept[name] = redactText(value);
  }
  const authorization = request.headers.get('authorization');
  if (authorization !== null) kept.Authorization = redactAuthorization(authorization);
  return kept;
}

/** The response headers, each value redacted (a consent redirect's `Location` carries a code). */
function keptResponseHeaders(headers: Record<string, string>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) kept[name] = redactText(value);
  return kept;
}

/**
 * Keeps an answered exchange in its tenant's log when the request proved a tenant (`ctx.log.tenantId`), redacted,
 * then trims the log to the cap (SandboxStore.logRequest: written behind the response within milliseconds; a lookup
 * writes what its instance holds first and looks again once on a miss). Either way a lookup right after
 * the response finds it. A failed write is dropped: the answer does not depend on it (the lookup then answers 404).
 * @param url - the request URL; @param reply - the answer with its common headers; @param startedMs - when the
 * request arrived, by `performance.now()`.
 */
export async function keepExchange(
  rt: Runtime,
  ctx: RequestContext,
  request: Request,
  url: URL,
  reply: Reply,
  startedMs: number,
): Promise<void> {
  const log = ctx.log;
  if (!log?.tenantId) return;
  try {
    const requestBody = keptBody(
      log.body.byteLength === 0 ? null : new TextDecoder().decode(log.body),
      request.headers.get('content-type') ?? undefined,
    );
    const responseBody = keptBody(reply.body, reply.headers['Content-Type'] ?? reply.headers['content-type']);
    const entry: RequestLogRow = {
      tenant_id: log.tenantId,
      // A caller may send a secret as its own request ID; then the entry is kept under the redacted ID (never found).
      request_id: redactText(ctx.requestId),
      received_at: log.receivedAt,
      duration_us: Math.round((performance.now() - startedMs) * 1000),
      method: request.method,
      path: redactText(ctx.path),
      query: redactQuery(url.search.slice(1)),
      request_headers: JSON.stringify(keptRequestHeaders(request)),
      request_body: requestBody.body,
      request_body_bytes: log.body.byteLength,
      request_body_truncated: requestBody.truncated,
      status: reply.status,
      response_headers: JSON.stringify(keptResponseHeaders(reply.headers)),
      response_body: responseBody.body,
      response_body_bytes: reply.body === null ? 0 : Buffer.byteLength(reply.body),
      response_body_truncated: responseBody.truncated,
    };
    await rt.store.logRequest(entry, rt.caps.requestLogEntries);
  } catch {
    // The database refused the entry (busy, gone): the request was answered all the same.
  }
}

/** An epoch-ms time as RFC 3339 with milliseconds. */
const rfc3339 = (ms: number) => new Date(ms).toISOString();

/**
 * GET /sandbox/requests/{request_id}: the newest entry of the caller's tenant with that request ID, as JSON.
 * @param tenantId - the tenant the bearer credential belongs to (the pipeline checked it).
 * @param requestId - the path parameter, percent-decoded.
 * @returns 200 with the entry; 404 problem for an ID the tenant's log does not hold (another tenant's ID alike, so
 * an answer never confirms that another tenant sent it); 400 problem for an ID no request can have.
 */
export async function lookUpRequest(
  rt: Runtime,
  ctx: RequestContext,
  tenantId: string,
  requestId: string,
): Promise<Reply> {
  // An ID the sandbox would have replaced (requestIdFor) can be in no log.
  if (!isRequestId(requestId))
    return problem(
      ctx,
      400,
      'A request ID is 1 to 128 characters of letters, digits and . _ : - (the X-Request-ID a response carried, e.g. req_0f3c…); percent-encode nothing else.',
      { errors: [{ field: 'request_id', message: 'must match ^[A-Za-z0-9._:-]{1,128}$' }] },
    );
  const row = await rt.store.loggedRequest(tenantId, requestId, rt.caps.requestLogEntries);
  if (!row)
    return problem(
      ctx,
      404,
      `This sandbox app's request log holds no request ${requestId}. It keeps the newest ${rt.caps.requestLogEntries} requests made with the app's credentials; requests without them, and lookups, are not logged.`,
    );
  return json(
    200,
    {
      request_id: row.request_id,
      received_at: rfc3339(row.received_at),
      duration_ms: row.duration_us / 1000,
      request: {
        method: row.method,
        path: row.path,
        query: row.query,
        headers: JSON.parse(row.request_headers) as Record<string, string>,
        body: row.request_body,
        body_truncated: row.request_body_truncated === 1,
        body_bytes: row.request_body_bytes,
      },
      response: {
        status: row.status,
        headers: JSON.parse(row.response_headers) as Record<string, string>,
        body: row.response_body,
        body_truncated: row.response_body_truncated === 1,
        body_bytes: row.response_body_bytes,
      },
    },
    // The entry holds what the tenant's credentials sent and got: no shared cache may keep it.
    { 'Cache-Control': 'no-store' },
  );
}
