import { randomUUID } from 'node:crypto';

import { getError } from '@/lib/openapi';

import { problemTypeUri } from '../urls';
import { allowedRequestHeaders, exposedHeaders } from './config';
import { streamBody, type StreamSink } from './stream';

/** A field-level validation error (the document's ProblemFieldError). */
export interface FieldError {
  field: string;
  message: string;
}

/** Per-request state shared by the handler and the resource modules. */
export interface RequestContext {
  /** The X-Request-ID sent back (the caller's safe value or a generated one). */
  requestId: string;
  /** Public origin for absolute URLs, e.g. `http://localhost:3000` (see originOf). */
  origin: string;
  /** Whether `origin` came from the request's headers rather than configuration (see originOf). */
  originFromRequest?: boolean;
  /** Mount prefix actually used in this request: `/sandbox` or `''`. */
  base: string;
  /** Path within the sandbox, e.g. `/v1/projects`. */
  path: string;
  /** The request URL path and query as received (the problem `instance`). */
  instance: string;
  /** Set once the request has been counted against a rate-limit window. */
  rate?: { limit: number; remaining: number; reset: number };
  /**
   * What the request log needs (request-log.ts), set once the caller is identified: the body as read, when it
   * arrived (epoch ms), and the tenant whose log keeps the exchange (unset: not logged).
   */
  log?: { body: Uint8Array; receivedAt: number; tenantId?: string };
}

/**
 * The context of a request the sandbox could not route (no origin, mount prefix or path known), for the last-resort
 * problems of the handler and the standalone server.
 * @param instance - the problem's `instance` (the request path); @param requestId - defaults to a generated one.
 */
export function bareContext(instance: string, requestId: string = requestIdFor(null)): RequestContext {
  return { requestId, origin: '', base: '', path: '', instance };
}

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const SAFE_HOST = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** Whether a value can be a request ID: `^[A-Za-z0-9._:-]{1,128}$` (what requestIdFor keeps of a caller's). */
export function isRequestId(value: string): boolean {
  return SAFE_REQUEST_ID.test(value);
}

/**
 * The caller's X-Request-ID if it matches `^[A-Za-z0-9._:-]{1,128}$`, else a generated `req_` + 32 hex characters
 * (a version 4 UUID without its dashes: 122 random bits).
 * Unsafe values are replaced, never echoed, so header/log injection is impossible.
 */
export function requestIdFor(value: string | null): string {
  // randomUUID draws from a buffer Node refills in batches: one CSPRNG call per 128 IDs, not one per request.
  return value !== null && isRequestId(value) ? value : `req_${randomUUID().replaceAll('-', '')}`;
}

/** Where absolute URLs (issuer, `Link`, `Location`) take their origin from. */
export interface OriginPolicy {
  /** The configured public origin (PORTAL_URL mounted, SANDBOX_PUBLIC_URL standalone): always wins when set. */
  configured: string | undefined;
  /** Whether X-Forwarded-Proto / X-Forwarded-Host come from a trusted reverse proxy (SANDBOX_TRUST_PROXY=1). */
  trustProxy: boolean;
}

/**
 * The public origin of a request: the configured one; else, behind a trusted proxy, X-Forwarded-Proto /
 * X-Forwarded-Host (last values); else `http://` and the Host header (Next gives `request.url` as
 * `http://localhost:PORT`).
 * Forwarding headers of an arbitrary caller are ignored: they are not part of a cache key, so honouring them would
 * let one caller poison what a shared cache serves everyone (the issuer in the metadata, for one).
 * @returns the origin and whether it came from the request (then a response naming it must not be shared-cached).
 */
export function originOf(request: Request, url: URL, policy: OriginPolicy): { origin: string; fromRequest: boolean } {
  if (policy.configured) return { origin: policy.configured, fromRequest: false };
  // The last entry: the one the trusted proxy appended (earlier ones are whatever the client sent), as for X-Forwarded-For.
  const last = (name: string) => request.headers.get(name)?.split(',').at(-1)?.trim() || undefined;
  const hosts = policy.trustProxy ? [last('x-forwarded-host'), last('host')] : [last('host')];
  const host = hosts.find((value) => value !== undefined && SAFE_HOST.test(value)) ?? url.host;
  // Not url.protocol: Next builds request.url's scheme from X-Forwarded-Proto, whoever sent it. Both servers speak
  // plain HTTP; TLS ends at a proxy, which is trusted (or the public origin configured) for https URLs.
  const proto = policy.trustProxy ? last('x-forwarded-proto') : undefined;
  const scheme = proto === 'https' || proto === 'http' ? proto : 'http';
  return { origin: `${scheme}://${host}`, fromRequest: true };
}

/**
 * A response as the sandbox builds it: status, headers by canonical name, and the body text (`null`: none). Handlers
 * return Replies; a request's Reply becomes one Fetch Response (toResponse) or is written straight to node:http by the
 * standalone server. Why not Response throughout: every Response wraps its body in a ReadableStream and validates
 * each header again when one is added, which cost more per request than the sandbox's own work on the hot path.
 */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string | null;
  /**
   * A body written over time (server-sent events), instead of `body`: the adapter calls it once with a sink and
   * ends the response when it resolves. It must resolve once `sink.closed` does (the client went away).
   */
  stream?: (sink: StreamSink) => Promise<void>;
}

/**
 * The Fetch Response of a Reply (what `Sandbox.handle` returns); a streamed reply gets a ReadableStream body
 * (streamBody in stream.ts), closed for the producer when the reader cancels it or `signal` (the request's) aborts.
 */
export function toResponse(reply: Reply, signal?: AbortSignal): Response {
  const body = reply.stream ? streamBody(reply.stream, signal) : reply.body;
  return new Response(body, { status: reply.status, headers: reply.headers });
}

/** Adds the headers every response carries (request ID, CORS for any origin without credentials, rate-limit state) to `headers`. */
export function commonHeaders(ctx: RequestContext, headers: Record<string, string>): Record<string, string> {
  headers['X-Request-ID'] = ctx.requestId;
  headers['Access-Control-Allow-Origin'] = '*';
  headers['Access-Control-Expose-Headers'] = exposedHeaders();
  if (ctx.rate) {
    headers['X-RateLimit-Limit'] = String(ctx.rate.limit);
    headers['X-RateLimit-Remaining'] = String(ctx.rate.remaining);
    headers['X-RateLimit-Reset'] = String(ctx.rate.reset);
  }
  return headers;
}

/** Headers of a CORS preflight answer (Fetch standard §3.2.3): every documented request header by name. */
export function preflightHeaders(): Record<string, string> {
  return {
    'Access-Control-Allow-Methods': 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS',
    'Access-Control-Allow-Headers': allowedRequestHeaders(),
    'Access-Control-Max-Age': '600',
  };
}

/** A JSON reply (`application/json`) with extra headers. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

/**
 * An RFC 9457 problem details reply (`application/problem+json`): `type` is the error-table anchor, `title` the
 * status's label from the document's `x-aethex-errors` (or `extra.title` for a status the table lacks, such as 501),
 * `request_id` equals X-Request-ID.
 */
export function problem(
  ctx: RequestContext,
  status: number,
  detail: string,
  extra: { errors?: FieldError[]; headers?: Record<string, string>; title?: string } = {},
): Reply {
  const body = {
    type: problemTypeUri(status),
    title: extra.title ?? getError(status)?.label ?? (status >= 500 ? 'Internal Server Error' : 'Error'),
    status,
    detail,
    instance: ctx.instance,
    request_id: ctx.requestId,
    ...(extra.errors && extra.errors.length > 0 ? { errors: extra.errors } : {}),
  };
  return {
    status,
    headers: { 'Content-Type': 'application/problem+json', ...extra.headers },
    body: JSON.stringify(body),
  };
}

/** The 404 problem for a request no route matches (the method is named: another method may match the path). */
export function noRoute(ctx: RequestContext, method: string, pathname: string): Reply {
  return problem(ctx, 404, `No operation matches ${method} ${pathname}. Check the path against the API reference.`);
}

/**
 * The 405 problem for a path that exists but not with this method, with the `Allow` header RFC 9110 §15.5.6 requires.
 * @param allow - the methods the path supports, in the order to list them.
 */
export function methodNotAllowed(
  ctx: RequestContext,
  method: string,
  pathname: string,
  allow: readonly string[],
): Reply {
  return problem(ctx, 405, `${method} is not supported on ${pathname}. Use one of ${allow.join(', ')}.`, {
    headers: { Allow: allow.join(', ') },
  });
}

/** An OAuth error response of the token endpoint (RFC 6749 §5.2), always `Cache-Control: no-store`. */
export function oauthError(
  status: 400 | 401,
  error: string,
  description: string,
  headers: Record<string, string> = {},
): Reply {
  return json(
    status,
    { error, error_description: description },
    { 'Cache-Control': 'no-store', Pragma: 'no-cache', ...headers },
  );
}

/** Thrown by readBody when its signal fires before the whole body arrived (the rest is never read). */
export class BodyTimeoutError extends Error {
  constructor() {
    super('body not received in time');
  }
}

/** Thrown by body reading when the body exceeds the limit; mapped to 413. */
export class BodyTooLargeError extends Error {
  constructor(
    readonly limit: number,
    readonly size: number | undefined,
  ) {
    super('body too large');
  }
}

/**
 * Reads the raw body bytes (never `text()`, which strips a BOM), stopping as soon as it passes `limit`.
 * @param signal stops the read when it fires (e.g. `AbortSignal.timeout(ms)` against a body that stops arriving)
 * @returns the bytes (empty when there is no body).
 * @throws BodyTooLargeError above `limit` bytes (by Content-Length or while streaming); BodyTimeoutError when
 *   `signal` fired first; the stream's own error when the client's connection closed mid-body.
 */
export async function readBody(request: Request, limit: number, signal?: AbortSignal): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLargeError(limit, declared);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  // Cancelling ends a pending read (done), so a body that stops arriving cannot hold the reader past the signal.
  const stop = () => void reader.cancel().catch(() => undefined);
  signal?.addEventListener('abort', stop, { once: true });
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (signal?.aborted) throw new BodyTimeoutError();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => undefined);
        throw new BodyTooLargeError(limit, undefined);
      }
      chunks.push(value);
    }
  } finally {
    signal?.removeEventListener('abort', stop);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

/** The part of node:http's ServerResponse that writeReply uses (typed here so this module stays free of node:http). */
export interface ReplyWriter {
  writeHead(status: number, headers: Record<string, string>): unknown;
  end(body?: string): unknown;
}

/**
 * Writes a Reply to a node:http response with its Content-Length (the body is text, sent as UTF-8). A 413 closes the
 * connection: the rest of the refused body is never read, so the connection cannot carry another request.
 */
export function writeReply(reply: Reply, res: ReplyWriter): void {
  const headers = reply.status === 413 ? { ...reply.headers, Connection: 'close' } : reply.headers;
  if (reply.body === null) {
    res.writeHead(reply.status, headers);
    res.end();
    return;
  }
  res.writeHead(reply.status, { ...headers, 'Content-Length': String(Buffer.byteLength(reply.body)) });
  res.end(reply.body);
}
