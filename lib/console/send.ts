/**
 * Sends a built request from the browser and records what came back, or explains why nothing did.
 * Every fetch uses `credentials: 'omit'`: no cookies go to the API, and the Fetch standard then
 * never shows the browser's Basic-auth dialog for a `401` with `WWW-Authenticate: Basic`.
 */
import { explainFailure, type FailureExplanation } from './failure';
import type { HeaderList } from './headers';
import type { BuiltRequest } from './request';

/** A response as the viewer shows it. `durationMs` is wall time to the last body byte. */
export interface ConsoleResponse {
  readonly url: string;
  readonly status: number;
  readonly statusText: string;
  /** Every header the browser lets the page read (CORS-exposed ones for another origin). */
  readonly headers: HeaderList;
  readonly body: string;
  readonly durationMs: number;
  /** Body size in bytes as received (after content decoding). */
  readonly sizeBytes: number;
  /** Epoch milliseconds (wall clock) when the response arrived. */
  readonly receivedAt: number;
}

/** The outcome of a send: a response (any status) or an explained failure. */
export type SendResult =
  | { readonly ok: true; readonly response: ConsoleResponse }
  | { readonly ok: false; readonly failure: FailureExplanation };

/** Injectable environment, so tests run without a browser. */
export interface SendEnvironment {
  readonly fetch: typeof fetch;
  /** Monotonic clock in milliseconds for timing (e.g. `performance.now`). */
  readonly now: () => number;
  readonly pageOrigin: string;
  readonly online: boolean;
  readonly timeoutMs?: number;
  /**
   * Where the browser reports Content-Security-Policy violations (`securitypolicyviolation` events): the document,
   * which is the default when there is one. A `connect-src` violation for the request's origin during the send means
   * the page's own policy refused the connection, which `fetch` reports like any network error.
   */
  readonly cspEvents?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
}

/**
 * Listens for `connect-src` violations naming `url`'s origin until `stop()` is called.
 * @returns `blocked()` true once such a violation was seen
 */
export function watchCspBlocks(events: SendEnvironment['cspEvents'], url: string) {
  let origin: string | undefined;
  try {
    origin = new URL(url).origin;
  } catch {
    // An invalid URL is never fetched, so nothing can be blocked.
  }
  let blocked = false;
  const listener = (event: Event) => {
    const violation = event as SecurityPolicyViolationEvent;
    const directive = violation.effectiveDirective || violation.violatedDirective || '';
    if (origin === undefined || !directive.startsWith('connect-src')) return;
    // Browsers report the blocked URL in full or trimmed to its origin.
    if (violation.blockedURI === origin || violation.blockedURI.startsWith(`${origin}/`)) blocked = true;
  };
  events?.addEventListener('securitypolicyviolation', listener);
  return {
    blocked: () => blocked,
    stop: () => events?.removeEventListener('securitypolicyviolation', listener),
  };
}

/** `fetch` that never sends credentials (cookies, cached Basic auth): see the module comment. */
export function fetchWithoutCredentials(fetchImpl: typeof fetch): typeof fetch {
  return (input, init) => fetchImpl(input, { ...init, credentials: 'omit', cache: 'no-store' });
}

async function hostAnswers(url: string, env: SendEnvironment): Promise<boolean> {
  try {
    await env.fetch(new URL(url).origin + '/', {
      mode: 'no-cors',
      credentials: 'omit',
      signal: AbortSignal.timeout(5000),
    });
    return true;
  } catch {
    return false;
  }
}

/**
 * Sends `request` and reads the whole body.
 * @returns `{ok: true, response}` for any HTTP status, `{ok: false, failure}` when the browser
 *   produced no response (network error, CORS block, timeout, invalid URL). Never throws.
 */
export async function sendRequest(request: BuiltRequest, env: SendEnvironment): Promise<SendResult> {
  const started = env.now();
  let timedOut = false;
  const controller = new AbortController();
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, env.timeoutMs ?? 30_000);
  const csp = watchCspBlocks(env.cspEvents ?? globalThis.document, request.url);
  try {
    const response = await env.fetch(request.url, {
      method: request.method,
      headers: request.headers,
      ...(request.body !== undefined ? { body: request.body } : {}),
      credentials: 'omit',
      cache: 'no-store',
      signal: controller.signal,
    });
    const bytes = new Uint8Array(await response.arrayBuffer());
    return {
      ok: true,
      response: {
        url: request.url,
        status: response.status,
        statusText: response.statusText,
        headers: [...response.headers.entries()],
        body: new TextDecoder().decode(bytes),
        durationMs: Math.round(env.now() - started),
        sizeBytes: bytes.byteLength,
        receivedAt: Date.now(),
      },
    };
  } catch {
    // The violation event is queued as a task of its own and may arrive just after the rejected fetch.
    await new Promise((resolve) => setTimeout(resolve, 0));
    let validUrl = true;
    try {
      new URL(request.url);
    } catch {
      validUrl = false;
    }
    const probe = validUrl && env.online && !timedOut && !csp.blocked();
    const hostAnswered = probe ? await hostAnswers(request.url, env) : undefined;
    return {
      ok: false,
      failure: explainFailure({
        url: request.url,
        pageOrigin: env.pageOrigin,
        online: env.online,
        timedOut,
        ...(hostAnswered !== undefined ? { hostAnswered } : {}),
        ...(csp.blocked() ? { cspBlocked: true } : {}),
      }),
    };
  } finally {
    clearTimeout(timer);
    csp.stop();
  }
}
