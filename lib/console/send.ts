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
    let validUrl = true;
    try {
      new URL(request.url);
    } catch {
      validUrl = false;
    }
    const hostAnswered = validUrl && env.online && !timedOut ? await hostAnswers(request.url, env) : undefined;
    return {
      ok: false,
      failure: explainFailure({
        url: request.url,
        pageOrigin: env.pageOrigin,
        online: env.online,
        timedOut,
        ...(hostAnswered !== undefined ? { hostAnswered } : {}),
      }),
    };
  } finally {
    clearTimeout(timer);
  }
}
