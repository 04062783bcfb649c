/**
 * The HTTP exchange of one webhook delivery, once its addresses are known: a POST over a connection to those
 * addresses only (a custom `lookup`, whatever name the URL holds), no redirect followed, at most 64 KiB of the answer
 * read and 1 KiB kept. outbound.ts decides which addresses may be used; this module only talks to them.
 */
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';

import { describeNetworkError, failedEndpoints } from './outbound-errors';

/** An address a host resolved to. */
export type Resolved = { address: string; family: 4 | 6 };

/** What an exchange came to (outbound.ts adds the duration). */
export interface Exchange {
  outcome: 'succeeded' | 'failed';
  status?: number;
  excerpt: string;
  error?: string;
  /** The address the connection reached, when it did. */
  address?: string;
}

const USER_AGENT = 'AeThex-Sandbox-Webhooks/1';
/** Most of the answer read; the rest is never downloaded. */
export const MAX_RESPONSE_BYTES = 64 * 1024;
/** Most of the answer kept as the attempt's excerpt. */
export const MAX_EXCERPT_BYTES = 1024;

/**
 * A `lookup` answering every query with the given addresses only, whatever the name: `all: true` queries (Node 20
 * makes them for Happy Eyeballs, `autoSelectFamily`) get all of them, others the first.
 */
function pinnedLookup(addresses: readonly Resolved[]): LookupFunction {
  const [first] = addresses as [Resolved];
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [...addresses]);
    else callback(null, first.address, first.family);
  };
}

/**
 * The first `limit` bytes of `bytes` as text, never cutting a UTF-8 sequence in two.
 * @param limit bytes, default 1,024
 */
export function utf8Excerpt(bytes: Buffer, limit = MAX_EXCERPT_BYTES): string {
  if (bytes.length <= limit) return bytes.toString('utf8');
  let cut = limit;
  while (cut > 0 && ((bytes[cut] ?? 0) & 0xc0) === 0x80) cut -= 1;
  return bytes.subarray(0, cut).toString('utf8');
}

/** The outcome of an answer: 2xx succeeded, 3xx not followed, anything else failed. */
function judge(response: http.IncomingMessage, excerpt: string): Exchange {
  const status = response.statusCode ?? 0;
  const address = response.socket?.remoteAddress;
  const base = { status, excerpt, ...(address ? { address } : {}) };
  if (status >= 200 && status < 300) return { outcome: 'succeeded', ...base };
  if (status >= 300 && status < 400) {
    const target = response.headers.location ? ` to ${response.headers.location}` : '';
    return { outcome: 'failed', ...base, error: `redirect (${status}${target}) not followed: answer 2xx` };
  }
  const reason = response.statusMessage ? ` ${response.statusMessage}` : '';
  return { outcome: 'failed', ...base, error: `the receiver answered ${status}${reason}; a delivery needs 2xx` };
}

/** Reads at most MAX_RESPONSE_BYTES of `response`, then settles with the judged exchange. */
function readAnswer(
  response: http.IncomingMessage,
  settle: (exchange: Exchange) => void,
  fail: (error: unknown) => void,
) {
  const chunks: Buffer[] = [];
  let size = 0;
  const finish = () => settle(judge(response, utf8Excerpt(Buffer.concat(chunks))));
  response.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    size += chunk.length;
    // Stop downloading past the cap: the excerpt needs 1 KiB, the cap bounds what a receiver can cost us.
    if (size >= MAX_RESPONSE_BYTES) {
      finish();
      response.destroy();
    }
  });
  response.on('end', finish);
  response.on('error', fail);
}

/**
 * POSTs `body` to `url` over a connection to `addresses` only.
 * @param url an http(s) URL; its host name is still sent as `Host` and, over TLS, as SNI and checked against the
 *   certificate
 * @param addresses where to connect (at least one), e.g. the ones outbound.ts checked
 * @param headers sent as given, plus `content-type: application/json`, `user-agent`, `content-length`
 * @param body the exact bytes to send
 * @param signal aborts the exchange (the caller's time-out)
 * @returns the exchange; never rejects
 */
export function exchange(
  url: URL,
  addresses: readonly Resolved[],
  headers: Record<string, string>,
  body: Buffer,
  signal: AbortSignal,
): Promise<Exchange> {
  return new Promise<Exchange>((settle) => {
    const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
    // The status, once an answer began: a body cut short or too slow still says what the receiver answered.
    let status: number | undefined;
    const fail = (error: unknown) =>
      settle({
        outcome: 'failed',
        ...(status === undefined ? {} : { status }),
        excerpt: '',
        error: describeNetworkError(error, failedEndpoints(error, addresses, port)),
      });
    const options: https.RequestOptions = {
      method: 'POST',
      host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
      port,
      path: `${url.pathname}${url.search}`,
      headers: {
        ...headers,
        'content-type': 'application/json',
        'user-agent': USER_AGENT,
        'content-length': String(body.length),
      },
      // Node 20 connects with Happy Eyeballs (autoSelectFamily) by default: every pinned address gets its turn.
      lookup: pinnedLookup(addresses),
      agent: false,
      signal,
    };
    let request: http.ClientRequest;
    try {
      request = (url.protocol === 'https:' ? https : http).request(options, (response) => {
        status = response.statusCode;
        readAnswer(response, settle, fail);
      });
    } catch (error) {
      fail(error);
      return;
    }
    request.on('error', fail);
    request.end(body);
  });
}
