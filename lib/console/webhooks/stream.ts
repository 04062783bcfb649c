/**
 * The inbox stream (`GET /webhooks/inbox`, text/event-stream) read with fetch and the SSE parser sandbox:listen uses
 * too (lib/sandbox/listen-sse.ts, browser-safe), the token in the
 * Authorization header: `EventSource` cannot send one, and a token must never go into a URL. Reconnects after a
 * drop with a growing delay until stopped; keep-alive comments reset nothing the reader sees.
 */
import { readEventStream } from '../../sandbox/listen-sse';
import type { WebhookDelivery } from './types';

/** Injectable environment, so the loop runs in tests without a network or a clock. */
export interface InboxStreamOptions {
  readonly base: string;
  readonly bearer: string;
  readonly fetch: typeof fetch;
  /** Called with each `delivery` event's object. */
  onDelivery(delivery: WebhookDelivery): void;
  /** `live` after the stream's `ready` event; `reconnecting` with the reason after a drop or a refused connection. */
  onConnection(connection: 'live' | 'reconnecting', error?: string): void;
  /** Waits between reconnections (default setTimeout); resolves early when aborted. */
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Reconnection delays in ms, the last one repeated (default 1 s, 2 s, 5 s, 10 s). */
  readonly delays?: readonly number[];
}

const DEFAULT_DELAYS = [1000, 2000, 5000, 10_000];

function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

/** Why a connection attempt ended, in words. */
async function refusal(response: Response): Promise<string> {
  const json = (await response.json().catch(() => ({}))) as { detail?: unknown };
  return `the sandbox answered ${response.status}${typeof json.detail === 'string' ? `: ${json.detail}` : ''}`;
}

/** One connection, read to its end. @returns why it ended, in words */
async function connectOnce(options: InboxStreamOptions, signal: AbortSignal, onReady: () => void): Promise<string> {
  let response: Response;
  try {
    response = await options.fetch(`${options.base}/webhooks/inbox`, {
      headers: { Authorization: `Bearer ${options.bearer}`, Accept: 'text/event-stream' },
      credentials: 'omit',
      cache: 'no-store',
      signal,
    });
  } catch {
    return 'the sandbox could not be reached';
  }
  if (!response.ok || !response.body) return refusal(response);
  try {
    await readEventStream(response.body, (event) => {
      if (event.event === 'ready') onReady();
      else if (event.event === 'delivery') {
        try {
          options.onDelivery(JSON.parse(event.data) as WebhookDelivery);
        } catch {
          // A malformed event is skipped; the next one (or the next page load) brings the state again.
        }
      }
    });
    return 'the stream ended';
  } catch {
    return 'the connection dropped';
  }
}

/**
 * Keeps the inbox stream open until `signal` aborts: connects, reports `live` on `ready`, and after each end or
 * failure reports `reconnecting` and tries again after the next delay (reset once a connection got to `ready`).
 * @returns once aborted
 */
export async function runInboxStream(options: InboxStreamOptions, signal: AbortSignal): Promise<void> {
  const delays = options.delays ?? DEFAULT_DELAYS;
  const sleep = options.sleep ?? defaultSleep;
  let failures = 0;
  while (!signal.aborted) {
    const reason = await connectOnce(options, signal, () => {
      failures = 0;
      options.onConnection('live');
    });
    if (signal.aborted) return;
    options.onConnection('reconnecting', reason);
    const delay = delays[Math.min(failures, delays.length - 1)] ?? 1000;
    failures += 1;
    await sleep(delay, signal);
  }
}
