/**
 * Where webhook deliveries may go, and the POST that delivers one (issue #19, "Where deliveries may go").
 *
 * A public portal must never become a way into its own network: every address a host resolves to must be public
 * unicast (ipaddr.js range `unicast`, and for IPv6 inside global unicast 2000::/3; IPv4-mapped IPv6 read as IPv4),
 * the connection is pinned to the addresses that were checked (a custom `lookup`, so a second DNS answer cannot swap
 * them: DNS rebinding), redirects are never followed and at most 64 KiB of the answer is read. Loopback is allowed
 * only where the policy says so (the standalone sandbox). `forwardWebhook` is the same POST without the check, for sandbox:listen on the developer's machine.
 */
import { lookup as dnsLookup } from 'node:dns/promises';

import ipaddr from 'ipaddr.js';

import { describeNetworkError, describeTimeout } from './outbound-errors';
import { exchange, type Resolved } from './outbound-exchange';

export { MAX_EXCERPT_BYTES, MAX_RESPONSE_BYTES, utf8Excerpt } from './outbound-exchange';

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

const MAX_URL_LENGTH = 2048;

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

/**
 * The only IPv6 block delivered to, on top of ipaddr.js saying `unicast`: global unicast, 2000::/3 (RFC 4291 §2.4,
 * the one block IANA allocates to registries). ipaddr.js names the special ranges it knows and calls everything else
 * `unicast`, including IPv6 that carries an IPv4 address but is not routed as global IPv6: IPv4-compatible ::/96
 * (::127.0.0.1 is ::7f00:1; deprecated by RFC 4291 §2.5.5.1, and a host with an automatic tunnel or a translator
 * sends it to the IPv4 address inside), forms next to the mapped and SIIT ranges (::ffff:0:0:7f00:1), and the
 * unassigned rest of ::/8, 100::/8 and 4000::/2 onwards. Listing the one global block is shorter and safer than
 * listing what to refuse: a form nobody listed is refused by default. The ranges ipaddr.js names inside 2000::/3
 * (Teredo 2001::/32 and 6to4 2002::/16, which carry IPv4 too, documentation, benchmarking, ORCHID…) stay refused by
 * range; IPv4-mapped ::ffff:0:0/96 is read as IPv4 before this (ipaddr.process). What no address check can see: an
 * IPv4 address inside a global prefix an operator chose for its own NAT64 or 6rd (RFC 6052 §2.2); that is the
 * network's to filter.
 */
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');
const IPV4_COMPATIBLE = ipaddr.parseCIDR('::/96');

/** Why `address`, which ipaddr.js calls IPv6 `unicast`, is still not global, in words; undefined when global. */
function nonGlobalV6(address: ipaddr.IPv6): string | undefined {
  if (address.match(GLOBAL_UNICAST_V6)) return undefined;
  if (address.match(IPV4_COMPATIBLE)) {
    const carried = ipaddr.fromByteArray(address.toByteArray().slice(12)).toString();
    return `an IPv4-compatible address carrying ${carried} (::/96, deprecated, never global)`;
  }
  return 'outside global unicast IPv6 (2000::/3)';
}

/** The CIDR of `range` that holds `address` (ipaddr.js keeps one subnet or a list per range). */
function matchingCidr(address: ipaddr.IPv4 | ipaddr.IPv6, range: string): string | undefined {
  const ranges = (address as unknown as { SpecialRanges: Record<string, Subnet | Subnet[]> }).SpecialRanges;
  const entry = ranges[range];
  if (!entry) return undefined;
  const subnets = (Array.isArray(entry[0]) ? entry : [entry]) as Subnet[];
  const hit = subnets.find(([base, bits]) => address.kind() === base.kind() && address.match(base, bits));
  return hit && `${hit[0].toString()}/${hit[1]}`;
}

/**
 * `bare` parsed, IPv6 first spelled as the URL Standard spells it (hex groups only). ipaddr.js 2.5 reads any IPv6
 * ending in a dotted quad as IPv4-mapped: "::8.8.8.8" (IPv4-compatible ::808:808, which is also how Node's lookup
 * prints such an AAAA answer) would pass as 8.8.8.8. A zone ("fe80::1%eth0"), which URLs cannot hold, is parsed as is.
 */
function parseAddress(bare: string): ipaddr.IPv4 | ipaddr.IPv6 {
  if (!bare.includes(':')) return ipaddr.process(bare);
  try {
    return ipaddr.process(new URL(`http://[${bare}]/`).hostname.slice(1, -1));
  } catch {
    return ipaddr.process(bare);
  }
}

/** Why `address` is refused, in two parts ("10.0.0.5", "a private address (10.0.0.0/8)"); undefined when allowed. */
function refusalParts(address: string, allowLoopback: boolean): { shown: string; what: string } | undefined {
  const bare = address.replace(/^\[(.*)\]$/, '$1');
  if (!ipaddr.isValid(bare)) return { shown: address, what: 'not an IP address' };
  const parsed = parseAddress(bare);
  const range = parsed.range();
  const read = parsed.toString();
  const shown = read === bare ? bare : `${bare} (read as ${read})`;
  if (range === 'unicast') {
    const outside = parsed.kind() === 'ipv6' ? nonGlobalV6(parsed as ipaddr.IPv6) : undefined;
    return outside === undefined ? undefined : { shown, what: outside };
  }
  if (range === 'loopback' && allowLoopback) return undefined;
  const words = METADATA.has(read)
    ? 'a cloud metadata address'
    : (RANGE_WORDS[range] ?? `an address reserved for special use (${range})`);
  const cidr = matchingCidr(parsed, range);
  return { shown, what: `${words}${cidr ? ` (${cidr})` : ''}` };
}

/**
 * Whether a delivery may connect to `address`.
 * @param address an IPv4 or IPv6 address (IPv4-mapped IPv6, dotted or hex, is read as the IPv4 address it carries;
 *   other IPv6 must be inside global unicast 2000::/3, so IPv4-compatible ::/96 and its neighbours are refused)
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
  // A trailing dot makes the name absolute ("localhost." is localhost all the same).
  const name = host.replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) return '127.0.0.1';
  return ipaddr.isValid(host) ? host : undefined;
}

/** The URL parsed when it is one a webhook may be registered with, else why not (in words). */
function parseWebhookUrl(raw: string): URL | string {
  if (raw.length > MAX_URL_LENGTH) return `is ${raw.length} characters long; at most ${MAX_URL_LENGTH}`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'must be an absolute http:// or https:// URL, e.g. https://example.com/webhooks';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `uses ${url.protocol}; webhooks are delivered to http:// and https:// URLs only`;
  }
  if (raw.trim() !== raw) return 'must not begin or end with spaces';
  if (url.username || url.password) return 'must not hold credentials (user:password@); put a secret in the path';
  if (raw.includes('#')) return 'must not have a #fragment: it is never sent to the server';
  return url;
}

/**
 * The syntax check alone (an absolute http(s) URL of at most 2,048 characters, without user:password@ or a
 * #fragment), for URLs that are not webhook endpoints (sandbox:listen's --forward-to and --base-url).
 * @returns why not, in words, to follow the URL's name ("must be an absolute http:// or https:// URL, …"), or undefined
 */
export function webhookUrlError(url: string): string | undefined {
  const parsed = parseWebhookUrl(url);
  return typeof parsed === 'string' ? parsed : undefined;
}

/**
 * Registration check of a webhook URL: syntax (an absolute http(s) URL of at most 2,048 characters, without
 * user:password@ or a #fragment) and, for a literal IP or `localhost` host, the address (outside public unicast →
 * refused; names are checked at each delivery, when they resolve).
 * @returns `{field: '/url', message}`, the message in words to follow the field's name ("must be an absolute …",
 *   "points at 10.0.0.5, a private address (10.0.0.0/8); …"), or undefined when the URL may be registered
 */
export function urlRefusal(url: string, allowLoopback: boolean): { field: string; message: string } | undefined {
  const parsed = parseWebhookUrl(url);
  if (typeof parsed === 'string') return { field: '/url', message: parsed };
  const literal = literalHost(parsed);
  const why = literal === undefined ? undefined : refusalParts(literal, allowLoopback);
  if (!why) return undefined;
  const host = bareHost(parsed) === literal ? why.shown : `${parsed.hostname} (${why.shown})`;
  return { field: '/url', message: `points at ${host}, ${why.what}; ${allowedWords(allowLoopback)}` };
}

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

/** Why none of `addresses` may be used, in words ("refused: …"); undefined when every one is allowed. */
function refusal(host: string, addresses: readonly Resolved[], allowLoopback: boolean) {
  for (const { address } of addresses) {
    const why = refusalParts(address, allowLoopback);
    if (!why) continue;
    const subject = address === host ? `${why.shown} is ${why.what}` : `${host} resolves to ${why.shown}, ${why.what}`;
    return { error: `refused: ${subject}; ${allowedWords(allowLoopback)}`, address };
  }
  return undefined;
}

/** postWebhook and forwardWebhook: resolve, check every address when `check`, then the exchange, all in time. */
async function deliver(
  url: string,
  headers: Record<string, string>,
  body: string,
  policy: OutboundPolicy,
  check: boolean,
): Promise<OutboundResult> {
  const started = performance.now();
  const elapsed = () => Math.round((performance.now() - started) * 10) / 10;
  const parsed = parseWebhookUrl(url);
  if (typeof parsed === 'string')
    return { outcome: 'refused', durationMs: elapsed(), excerpt: '', error: `refused: the URL ${parsed}` };
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), policy.timeoutMs);
  const timedOut = new Promise<'timeout'>((settle) =>
    timeout.signal.addEventListener('abort', () => settle('timeout')),
  );
  const failed = (error: string, extra: Partial<OutboundResult> = {}): OutboundResult => ({
    outcome: 'failed',
    durationMs: elapsed(),
    excerpt: '',
    error,
    ...extra,
  });
  try {
    const host = bareHost(parsed);
    const addresses = await Promise.race([resolveHost(host, policy), timedOut]);
    if (addresses === 'timeout') return failed(describeTimeout(policy.timeoutMs));
    if (typeof addresses === 'string') return failed(addresses);
    const refused = check ? refusal(host, addresses, policy.allowLoopback) : undefined;
    if (refused) return { outcome: 'refused', durationMs: elapsed(), excerpt: '', ...refused };
    const result = await exchange(parsed, addresses, headers, Buffer.from(body, 'utf8'), timeout.signal);
    const address = result.address ?? addresses[0]?.address;
    if (timeout.signal.aborted) return failed(describeTimeout(policy.timeoutMs), { status: result.status, address });
    return { ...result, durationMs: elapsed(), address };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Delivers one webhook: POST `body` (its exact UTF-8 bytes) with `headers` + `content-type: application/json` and
 * `User-Agent: AeThex-Sandbox-Webhooks/1` to `url`, after checking every address the host resolves to
 * (`addressRefusal`), over a connection to the checked addresses only (DNS is asked once). Redirects are not
 * followed; the answer is read up to 64 KiB; the whole exchange, DNS included, gets `policy.timeoutMs`.
 * @returns outcome `succeeded` (2xx), `failed` (any other answer or a network failure, `error` in words, e.g.
 *   "connection refused (ECONNREFUSED) by 127.0.0.1:4242", "timed out after 15 s") or `refused` (an address outside
 *   what the policy allows, or a URL no webhook may have; nothing was sent). Never rejects.
 */
export function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  policy: OutboundPolicy,
): Promise<OutboundResult> {
  return deliver(url, headers, body, policy, true);
}

/**
 * The same POST for `npm run sandbox:listen`, which runs on the developer's own machine and forwards where its user
 * says (a receiver on localhost, in a container on 172.17.0.2…): no address is refused. Never use it in the sandbox.
 * @param timeoutMs budget for the whole exchange
 * @returns as postWebhook, never `refused` for an address; never rejects
 */
export function forwardWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<OutboundResult> {
  return deliver(url, headers, body, { allowLoopback: true, timeoutMs }, false);
}
