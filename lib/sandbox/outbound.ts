/**
 * Where webhook deliveries may go, and the POST that delivers one (issue #19, "Where deliveries may go").
 *
 * A public portal must never become a way into its own network: every address a host resolves to must be public
 * unicast (ipaddr.js range `unicast`; IPv4-mapped IPv6 read as IPv4), the connection is pinned to the address that
 * was checked (a custom `lookup`, so a second DNS answer cannot swap it: DNS rebinding), redirects are never followed
 * and at most 64 KiB of the answer is read. Loopback is allowed only where the policy says so (the standalone sandbox).
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';

import ipaddr from 'ipaddr.js';

import { describeNetworkError, describeTimeout } from './outbound-errors';

/** How a delivery may be made. */
export interface OutboundPolicy {
  /** Loopback (127.0.0.0/8, ::1) allowed: the standalone sandbox on a developer's machine only. */
  allowLoopback: boolean;
  /** Budget for the whole exchange (DNS, connect, TLS, request, answer), milliseconds. */
  timeoutMs: number;
  /** Resolves a host name; default `dns.promises.lookup(host, {all: true})`. */
  resolve?: (hostname: string) => Promise<{ address: string; family: 4 | 6 }[]>;
}

/** What one delivery attempt came to. `durationMs` from the start (DNS included) to the last byte read. */
export interface OutboundResult {
  outcome: 'succeeded' | 'failed' | 'refused';
  /** The receiver's HTTP status, when it answered. */
  status?: number;
  durationMs: number;
  /** At most 1 KiB (1,024 bytes) of the response body, cut at a character boundary. */
  excerpt: string;
  /** Why it failed or was refused, in words. */
  error?: string;
  /** The address connected to (or refused). */
  address?: string;
}

const USER_AGENT = 'AeThex-Sandbox-Webhooks/1';
const MAX_URL_LENGTH = 2048;
/** Most of the answer read; the rest is never downloaded. */
export const MAX_RESPONSE_BYTES = 64 * 1024;
/** Most of the answer kept as the attempt's excerpt. */
export const MAX_EXCERPT_BYTES = 1024;

/** Addresses cloud providers serve instance metadata (and credentials) on. */
const METADATA = new Set(['169.254.169.254', '100.100.100.200', 'fd00:ec2::254']);

const RANGE_WORDS: Record<string, string> = {
  unspecified: 'the unspecified address',
  broadcast: 'the broadcast address',
  multicast: 'a multicast address',
  linkLocal: 'a link-local address',
  loopback: 'a loopback address',
  carrierGradeNat: 'a carrier-grade NAT (shared) address',
  private: 'a private address',
  uniqueLocal: 'a unique-local address',
  reserved: 'a reserved address',
  deprecatedSiteLocal: 'a site-local address',
  rfc6052: 'a NAT64 address',
  rfc6145: 'an IPv4-translated address',
  '6to4': 'a 6to4 address',
  teredo: 'a Teredo address',
};

type Subnet = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** The CIDR of `range` that holds `address` (ipaddr.js keeps one subnet or a list per range). */
function matchingCidr(address: ipaddr.IPv4 | ipaddr.IPv6, range: string): string | undefined {
  const ranges = (address as unknown as { SpecialRanges: Record<string, Subnet | Subnet[]> }).SpecialRanges;
  const entry = ranges[range];
  if (!entry) return undefined;
  const subnets = (Array.isArray(entry[0]) ? entry : [entry]) as Subnet[];
  const hit = subnets.find(([base, bits]) => address.kind() === base.kind() && address.match(base, bits));
  return hit && `${hit[0].toString()}/${hit[1]}`;
}

/** Why `address` is refused, in two parts ("10.0.0.5", "a private address (10.0.0.0/8)"); undefined when allowed. */
function refusalParts(address: string, allowLoopback: boolean): { shown: string; what: string } | undefined {
  const bare = address.replace(/^\[(.*)\]$/, '$1');
  if (!ipaddr.isValid(bare)) return { shown: address, what: 'not an IP address' };
  const parsed = ipaddr.process(bare);
  const range = parsed.range();
  if (range === 'unicast' || (range === 'loopback' && allowLoopback)) return undefined;
  const read = parsed.toString();
  const words = METADATA.has(read)
    ? 'a cloud metadata address'
    : (RANGE_WORDS[range] ?? `an address reserved for special use (${range})`);
  const cidr = matchingCidr(parsed, range);
  return { shown: read === bare ? bare : `${bare} (read as ${read})`, what: `${words}${cidr ? ` (${cidr})` : ''}` };
}

/**
 * Whether a delivery may connect to `address`.
 * @param address an IPv4 or IPv6 address (IPv4-mapped IPv6, dotted or hex, is read as the IPv4 address it carries)
 * @param allowLoopback true where loopback is allowed (standalone sandbox)
 * @returns why not, in words (e.g. "10.0.0.5 is a private address (10.0.0.0/8)"); undefined when allowed
 */
export function addressRefusal(address: string, allowLoopback: boolean): string | undefined {
  const parts = refusalParts(address, allowLoopback);
  return parts && `${parts.shown} is ${parts.what}`;
}

/** Where the sandbox may deliver, for the end of a refusal. */
function allowedWords(allowLoopback: boolean): string {
  return allowLoopback
    ? 'this sandbox delivers only to public and loopback addresses'
    : 'the sandbox in the portal delivers only to public addresses — use npm run sandbox:listen to forward to your machine';
}

/** The URL's host without the brackets of an IPv6 literal. */
const bareHost = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1');

/** The URL's host as an address when it is a literal; `localhost` names read as 127.0.0.1 (RFC 6761 §6.3). */
function literalHost(url: URL): string | undefined {
  const host = bareHost(url);
  if (host === 'localhost' || host.endsWith('.localhost')) return '127.0.0.1';
  return ipaddr.isValid(host) ? host : undefined;
}

/** The URL parsed when it is one a webhook may be registered with, else why not (in words). */
function parseWebhookUrl(raw: string): URL | string {
  if (raw.length > MAX_URL_LENGTH) return `url is ${raw.length} characters long; at most ${MAX_URL_LENGTH}`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'url must be an absolute http:// or https:// URL, e.g. https://example.com/webhooks';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `url uses ${url.protocol}; webhooks are delivered to http:// and https:// URLs only`;
  }
  if (raw.trim() !== raw) return 'url must not begin or end with spaces';
  if (url.username || url.password) return 'url must not hold credentials (user:password@); put a secret in the path';
  if (raw.includes('#')) return 'url must not have a #fragment: it is never sent to the server';
  return url;
}

/**
 * Registration check of a webhook URL: syntax (an absolute http(s) URL of at most 2,048 characters, without
 * user:password@ or a #fragment) and, for a literal IP or `localhost` host, the address (outside public unicast →
 * refused; names are checked at each delivery, when they resolve).
 * @returns `{field: '/url', message}` in words, or undefined when the URL may be registered
 */
export function urlRefusal(url: string, allowLoopback: boolean): { field: string; message: string } | undefined {
  const parsed = parseWebhookUrl(url);
  if (typeof parsed === 'string') return { field: '/url', message: parsed };
  const literal = literalHost(parsed);
  const why = literal === undefined ? undefined : addressRefusal(literal, allowLoopback);
  if (!why) return undefined;
  const host = bareHost(parsed) === literal ? '' : `${parsed.hostname} means `;
  return { field: '/url', message: `url: ${host}${why}; ${allowedWords(allowLoopback)}` };
}

type Resolved = { address: string; family: 4 | 6 };

/** Every address `host` resolves to (an IP literal needs no lookup), or why not in words. */
async function resolveHost(host: string, policy: OutboundPolicy): Promise<Resolved[] | string> {
  if (ipaddr.isValid(host)) return [{ address: host, family: ipaddr.parse(host).kind() === 'ipv6' ? 6 : 4 }];
  const resolve = policy.resolve ?? ((name: string) => dnsLookup(name, { all: true }) as Promise<Resolved[]>);
  try {
    const addresses = await resolve(host);
    return addresses.length > 0 ? addresses : `DNS lookup of ${host} returned no address`;
  } catch (error) {
    return `DNS lookup of ${host} failed: ${describeNetworkError(error)}`;
  }
}

/** A `lookup` that answers every query with the checked address, whatever the name (also `all: true` queries). */
function pinnedLookup(pinned: Resolved): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  };
}

/** The first `limit` bytes of `bytes` as text, never cutting a UTF-8 sequence in two. */
export function utf8Excerpt(bytes: Buffer, limit = MAX_EXCERPT_BYTES): string {
  if (bytes.length <= limit) return bytes.toString('utf8');
  let cut = limit;
  while (cut > 0 && ((bytes[cut] ?? 0) & 0xc0) === 0x80) cut -= 1;
  return bytes.subarray(0, cut).toString('utf8');
}

type Exchange = Omit<OutboundResult, 'durationMs' | 'address'>;

/** The outcome of an answer: 2xx succeeded, 3xx not followed, anything else failed. */
function judge(response: http.IncomingMessage, excerpt: string): Exchange {
  const status = response.statusCode ?? 0;
  if (status >= 200 && status < 300) return { outcome: 'succeeded', status, excerpt };
  if (status >= 300 && status < 400) {
    const target = response.headers.location ? ` to ${response.headers.location}` : '';
    return { outcome: 'failed', status, excerpt, error: `redirect (${status}${target}) not followed: answer 2xx` };
  }
  const reason = response.statusMessage ? ` ${response.statusMessage}` : '';
  return {
    outcome: 'failed',
    status,
    excerpt,
    error: `the receiver answered ${status}${reason}; a delivery needs 2xx`,
  };
}

/** POSTs `body` to `url` over a connection to `pinned` only; settles with the exchange, never rejects. */
function exchange(url: URL, pinned: Resolved, headers: Record<string, string>, body: Buffer, signal: AbortSignal) {
  return new Promise<Exchange>((settle) => {
    const where = `${pinned.family === 6 ? `[${pinned.address}]` : pinned.address}:${url.port || (url.protocol === 'https:' ? 443 : 80)}`;
    const fail = (error: unknown, status?: number) =>
      settle({ outcome: 'failed', status, excerpt: '', error: describeNetworkError(error, where) });
    const options: https.RequestOptions = {
      method: 'POST',
      // The name stays the host, so TLS sends it as SNI and checks the certificate against it.
      host: bareHost(url),
      port: url.port || undefined,
      path: `${url.pathname}${url.search}`,
      headers: {
        ...headers,
        'content-type': 'application/json',
        'user-agent': USER_AGENT,
        'content-length': String(body.length),
      },
      lookup: pinnedLookup(pinned),
      agent: false,
      signal,
    };
    let request: http.ClientRequest;
    try {
      request = (url.protocol === 'https:' ? https : http).request(options, (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const finish = () => settle(judge(response, utf8Excerpt(Buffer.concat(chunks))));
        response.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          size += chunk.length;
          // Stop downloading past the cap: the excerpt needs 1 KiB, the cap bounds what a receiver costs us.
          if (size >= MAX_RESPONSE_BYTES) {
            response.destroy();
            finish();
          }
        });
        response.on('end', finish);
        response.on('error', (error) => fail(error, response.statusCode));
      });
    } catch (error) {
      fail(error);
      return;
    }
    request.on('error', (error) => fail(error));
    request.end(body);
  });
}

/**
 * Delivers one webhook: POST `body` (its exact UTF-8 bytes) with `headers` + `content-type: application/json` and
 * `User-Agent: AeThex-Sandbox-Webhooks/1` to `url`, after checking every address the host resolves to
 * (`addressRefusal`) and over a connection pinned to the checked address. Redirects are not followed; the answer
 * is read up to 64 KiB; the whole exchange gets `policy.timeoutMs`.
 * @returns outcome `succeeded` (2xx), `failed` (any other answer or a network failure, `error` in words, e.g.
 *   "connection refused (ECONNREFUSED) by 127.0.0.1:4242", "timed out after 15 s") or `refused` (an address outside
 *   what the policy allows; nothing was sent). Never rejects.
 */
export async function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  policy: OutboundPolicy,
): Promise<OutboundResult> {
  const started = performance.now();
  const elapsed = () => Math.round((performance.now() - started) * 10) / 10;
  const parsed = parseWebhookUrl(url);
  if (typeof parsed === 'string') return { outcome: 'refused', durationMs: elapsed(), excerpt: '', error: parsed };
  const host = bareHost(parsed);
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), policy.timeoutMs);
  const timedOut = new Promise<'timeout'>((settle) =>
    timeout.signal.addEventListener('abort', () => settle('timeout')),
  );
  const timeoutResult = (address?: string): OutboundResult => ({
    outcome: 'failed',
    durationMs: elapsed(),
    excerpt: '',
    error: describeTimeout(policy.timeoutMs),
    ...(address ? { address } : {}),
  });
  try {
    const addresses = await Promise.race([resolveHost(host, policy), timedOut]);
    if (addresses === 'timeout') return timeoutResult();
    if (typeof addresses === 'string')
      return { outcome: 'failed', durationMs: elapsed(), excerpt: '', error: addresses };
    for (const { address } of addresses) {
      const why = refusalParts(address, policy.allowLoopback);
      if (why) {
        const subject =
          address === host ? `${why.shown} is ${why.what}` : `${host} resolves to ${why.shown}, ${why.what}`;
        const error = `refused: ${subject}; ${allowedWords(policy.allowLoopback)}`;
        return { outcome: 'refused', durationMs: elapsed(), excerpt: '', error, address };
      }
    }
    const pinned = addresses[0] as Resolved;
    const result = await exchange(parsed, pinned, headers, Buffer.from(body, 'utf8'), timeout.signal);
    if (timeout.signal.aborted) return { ...timeoutResult(pinned.address), status: result.status };
    return { ...result, durationMs: elapsed(), address: pinned.address };
  } finally {
    clearTimeout(timer);
  }
}
