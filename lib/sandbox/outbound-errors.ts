/**
 * Network, DNS and TLS failures of a webhook delivery in words, for the attempt log (issue #19: "the failure in
 * words", e.g. "connection refused", "timed out after 15 s"). Node's error codes stay in brackets so they can be
 * searched for.
 */

const TLS_WORDS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'a self-signed certificate is in the chain',
  CERT_HAS_EXPIRED: 'the certificate has expired',
  CERT_NOT_YET_VALID: 'the certificate is not valid yet',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the certificate does not name this host',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the certificate is not signed by a trusted authority',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'the certificate is not signed by a trusted authority',
  UNABLE_TO_GET_ISSUER_CERT: 'the certificate is not signed by a trusted authority',
  CERT_REVOKED: 'the certificate is revoked',
};

const DNS_WORDS: Record<string, string> = {
  ENOTFOUND: 'not found',
  EAI_AGAIN: 'temporary failure, try again later',
  ENODATA: 'no address for this name',
  ESERVFAIL: 'the DNS server failed',
  EREFUSED: 'the DNS server refused the query',
  ETIMEOUT: 'the DNS server did not answer',
};

/**
 * A failure in words.
 * @param error what Node threw or emitted (`code` read when present)
 * @param where `address:port` connected to (`[v6]:port`), named in connection failures
 * @returns e.g. "connection refused (ECONNREFUSED) by 127.0.0.1:4242", "not found (ENOTFOUND)",
 *   "TLS: the certificate is self-signed (DEPTH_ZERO_SELF_SIGNED_CERT)"
 */
export function describeNetworkError(error: unknown, where = ''): string {
  const { code: rawCode, message = String(error) } = (error ?? {}) as { code?: unknown; message?: string };
  // DOMExceptions (an AbortError) carry a numeric legacy code: only Node's string codes are meaningful here.
  const code = typeof rawCode === 'string' ? rawCode : '';
  const by = where ? ` by ${where}` : '';
  if (code === 'ECONNREFUSED') return `connection refused (ECONNREFUSED)${by}`;
  if (code === 'ECONNRESET' && message === 'socket hang up') {
    return `connection closed${by} before an answer (socket hang up)`;
  }
  if (code === 'ECONNRESET') return `connection reset (ECONNRESET)${by}`;
  // undici (fetch) names a connection the server closed mid-response so.
  if (code === 'UND_ERR_SOCKET') return `connection closed${by} (UND_ERR_SOCKET)`;
  if (code === 'EPIPE') return `connection closed${by} while the body was sent (EPIPE)`;
  if (code === 'EHOSTUNREACH') return `host unreachable (EHOSTUNREACH)${where ? `: ${where}` : ''}`;
  if (code === 'ENETUNREACH') return `network unreachable (ENETUNREACH)${where ? `: ${where}` : ''}`;
  if (code === 'ETIMEDOUT') return `connection timed out (ETIMEDOUT)${where ? `: ${where}` : ''}`;
  if (DNS_WORDS[code]) return `${DNS_WORDS[code]} (${code})`;
  if (TLS_WORDS[code]) return `TLS: ${TLS_WORDS[code]} (${code})`;
  if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_')) return `TLS handshake failed: ${message} (${code})`;
  if (code.startsWith('HPE_')) return `the answer is not valid HTTP: ${message} (${code})`;
  if (code === 'ERR_INVALID_CHAR' || code === 'ERR_INVALID_HTTP_TOKEN') return `a header cannot be sent: ${message}`;
  return `${message}${code ? ` (${code})` : ''}${by}`;
}

/** `address:port`, IPv6 in brackets. */
const endpoint = (address: string, port: number) =>
  address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;

/**
 * Where a connection failed: the address and port Node names on the error (each one of a Happy Eyeballs
 * AggregateError), else every address tried.
 * @returns e.g. "127.0.0.1:4242", "[::1]:4242 and 127.0.0.1:4242"
 */
export function failedEndpoints(error: unknown, tried: readonly { address: string }[], port: number): string {
  const failures = ((error as { errors?: unknown[] })?.errors ?? [error]) as { address?: string; port?: number }[];
  const named = failures.filter((failure) => failure?.address).map((f) => endpoint(f.address ?? '', f.port ?? port));
  const list = named.length > 0 ? named : tried.map(({ address }) => endpoint(address, port));
  return [...new Set(list)].join(' and ');
}

/** "timed out after 15 s" (fractions of a second kept: "timed out after 0.3 s"). */
export function describeTimeout(timeoutMs: number): string {
  return `timed out after ${Number((timeoutMs / 1000).toFixed(3))} s`;
}
