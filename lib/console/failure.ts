/**
 * Explains, in words, why a browser `fetch` failed without a response. Browsers hide the cause
 * (a CORS block, a refused connection and an offline machine all surface as `TypeError: Failed to
 * fetch`), so the console gathers clues and this module turns them into a message and checks.
 */

/** What the console knows when a request produced no response. */
export interface FailureClues {
  /** The absolute URL that was requested. */
  readonly url: string;
  /** The console page's own origin, e.g. `http://127.0.0.1:3140`. */
  readonly pageOrigin: string;
  /** `navigator.onLine` at the time. */
  readonly online: boolean;
  /**
   * Result of a follow-up `mode: 'no-cors'` probe of the same URL: true = the host answered (so the
   * response was withheld by CORS), false = no answer either, undefined = not probed.
   */
  readonly hostAnswered?: boolean;
  /** True when the request was cancelled by the console's timeout. */
  readonly timedOut?: boolean;
  /**
   * True when the page's own Content-Security-Policy refused the connection (a `securitypolicyviolation` event for
   * `connect-src` naming the request's origin was seen during the send): nothing left the browser.
   */
  readonly cspBlocked?: boolean;
}

/** A failure explained: headline, what happened, what to check. */
export interface FailureExplanation {
  readonly kind: 'offline' | 'mixed-content' | 'csp' | 'timeout' | 'cors' | 'unreachable' | 'invalid-url';
  readonly title: string;
  readonly detail: string;
  readonly checks: readonly string[];
}

/**
 * Picks the most likely cause from the clues, in this order: invalid URL, offline, mixed content
 * (an https page calling http, blocked by the browser), the page's CSP, timeout, CORS (host answered), unreachable host.
 */
export function explainFailure(clues: FailureClues): FailureExplanation {
  let target: URL;
  try {
    target = new URL(clues.url);
  } catch {
    return {
      kind: 'invalid-url',
      title: 'The base URL is not a valid URL',
      detail: `"${clues.url}" cannot be parsed as an absolute URL, so no request was sent.`,
      checks: ['Use an absolute http:// or https:// URL, e.g. http://localhost:4010/sandbox.'],
    };
  }
  const host = target.host;
  if (!clues.online) {
    return {
      kind: 'offline',
      title: 'Your browser is offline',
      detail: 'The browser reports no network connection, so the request never left this machine.',
      checks: ['Reconnect to the network and send the request again.'],
    };
  }
  if (
    clues.pageOrigin.startsWith('https:') &&
    target.protocol === 'http:' &&
    !/^(localhost|127\.0\.0\.1|\[::1\])(:|$)/.test(host)
  ) {
    return {
      kind: 'mixed-content',
      title: 'Blocked as mixed content',
      detail: `This page is served over HTTPS, so the browser refuses plain-HTTP requests to ${host}.`,
      checks: ['Use the https:// address of the API.'],
    };
  }
  if (clues.cspBlocked) {
    const origin = target.origin;
    return {
      kind: 'csp',
      title: `This page's Content-Security-Policy blocked the connection to ${origin}`,
      detail: `The browser refused to connect before anything was sent: ${origin} is not among the origins the portal's Content-Security-Policy (connect-src) allows the console to call.`,
      checks: [
        `To allow it, start the portal with CONSOLE_TARGETS=${origin} (comma-separated for several origins; see CONSOLE_TARGETS under Configuration in the README).`,
        'Servers on http://localhost and http://127.0.0.1 (any port) are always allowed, as are the sandbox and production targets.',
      ],
    };
  }
  if (clues.timedOut) {
    return {
      kind: 'timeout',
      title: `No answer from ${host} in time`,
      detail: 'The connection stayed open but no response arrived before the console gave up.',
      checks: [
        'Check that the server is not stuck or overloaded.',
        'Try again; if it persists, try the sandbox target.',
      ],
    };
  }
  if (clues.hostAnswered) {
    return {
      kind: 'cors',
      title: `${host} answered, but the browser withheld the response (CORS)`,
      detail: `The server did not allow this page's origin (${clues.pageOrigin}) to read its response, so the browser hid the status, headers and body.`,
      checks: [
        `Make the server send Access-Control-Allow-Origin for ${clues.pageOrigin} (or *) and answer the preflight (OPTIONS).`,
        'List the request headers you send (Authorization, Content-Type, AeThex-Environment, Idempotency-Key) in Access-Control-Allow-Headers.',
        'Expose X-Request-ID, X-RateLimit-*, Retry-After, Link and X-Total-Count with Access-Control-Expose-Headers.',
      ],
    };
  }
  return {
    kind: 'unreachable',
    title: `Could not reach ${host}`,
    detail: `Nothing answered at ${target.origin}: the host name does not resolve, nothing listens on that port, or a firewall drops the connection.`,
    checks: [
      'Check the base URL for typos, the scheme (http/https) and the port.',
      'Make sure the server is running, e.g. `npm run sandbox` for a standalone sandbox on port 4010.',
      'From a terminal, try the request with curl to see whether the host answers at all.',
    ],
  };
}
