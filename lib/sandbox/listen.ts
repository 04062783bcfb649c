/**
 * `npm run sandbox:listen -- --forward-to http://localhost:4242/webhooks` (issue #19, item 6): reads a sandbox app's
 * inbox stream (GET /webhooks/inbox, server-sent events), posts each `forward` event's exact payload bytes and headers
 * to a receiver on the developer's machine, prints one line per delivery and reports what the receiver answered
 * (POST /webhooks/deliveries/{id}/attempts), so it shows in the attempt log. The sandbox never connects to the
 * machine: the machine reads from the sandbox. Credentials and options: listen-setup.ts.
 */
import { printable } from './listen-print';
import { ForwardQueue, MAX_FORWARDS_RUNNING, MAX_FORWARDS_WAITING } from './listen-queue';
import { readEventStream, SseLimitError, type SseEvent } from './listen-sse';
import { forwardWebhook, type OutboundResult } from './outbound';
import { describeNetworkError } from './outbound-errors';

/** A bearer credential for the sandbox; `renew` (client credentials only) gets a fresh one after a 401. */
export interface ListenAuth {
  bearer: () => Promise<string>;
  renew?: () => Promise<string>;
}

/** What the loop needs besides the sandbox: where to post, how to print, when to stop. */
export interface ListenRuntime {
  /** The sandbox base URL, e.g. `http://localhost:3000/sandbox` (no trailing slash). */
  baseUrl: string;
  /** The local receiver. */
  forwardTo: string;
  /** Receives every line; `listen` strips control characters from them first (listen-print.ts). */
  print: (line: string) => void;
  /** Aborting it ends `listen` (Ctrl-C). */
  signal: AbortSignal;
  /** Budget of one forward, milliseconds (default 15,000, the sandbox's own delivery timeout). */
  forwardTimeoutMs?: number;
  /** Waits between reconnections, milliseconds, the last one repeated (default 1, 2, 5, 10, 30 s). */
  backoffMs?: readonly number[];
}

/** A failure retrying cannot cure (credentials refused, no inbox at that URL): `listen` rejects with it. */
export class ListenFatalError extends Error {}

/** The `data` of a `forward` event (lib/sandbox/README.md, GET /webhooks/inbox). */
interface ForwardEvent {
  delivery_id: string;
  message_id: string;
  event: string;
  headers: Record<string, string>;
  payload: string;
  replay?: boolean;
}

const ERROR_LIMIT = 256;

/** The problem's `detail` (RFC 9457) or the start of the body. */
async function detailOf(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const json = JSON.parse(text) as { detail?: unknown; title?: unknown };
    return String(json.detail ?? json.title ?? '');
  } catch {
    return text.slice(0, 200);
  }
}

/** A fetch failure in words ("connection refused (ECONNREFUSED) — 127.0.0.1:3000"). */
function fetchFailure(error: unknown, url: string): string {
  const cause = (error as { cause?: unknown }).cause ?? error;
  return `${describeNetworkError(cause)} — ${new URL(url).host}`;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isForward(value: unknown): value is ForwardEvent {
  const data = value as Partial<ForwardEvent> | null;
  return (
    typeof data?.delivery_id === 'string' &&
    typeof data.payload === 'string' &&
    typeof data.headers === 'object' &&
    data.headers !== null
  );
}

/** The line printed for one forward: "→ deployment.succeeded msg_… 204 in 12 ms". */
function forwardLine(data: ForwardEvent, result: OutboundResult): string {
  const what = `→ ${data.event} ${data.message_id}${data.replay ? ' (replay)' : ''}`;
  const ms = Math.round(result.durationMs);
  if (result.outcome === 'succeeded') return `${what} ${result.status} in ${ms} ms`;
  const status = result.status === undefined ? '' : ` ${result.status}`;
  return `${what}${status} failed in ${ms} ms: ${result.error}`;
}

/** Sends the attempt's result to the sandbox; says in a line when it could not. */
async function report(rt: ListenRuntime, auth: ListenAuth, data: ForwardEvent, result: OutboundResult) {
  const url = `${rt.baseUrl}/webhooks/deliveries/${encodeURIComponent(data.delivery_id)}/attempts`;
  const body = {
    ...(result.status !== undefined ? { status: result.status } : {}),
    duration_ms: result.durationMs,
    response_excerpt: result.excerpt,
    ...(result.error ? { error: result.error.slice(0, ERROR_LIMIT) } : {}),
  };
  try {
    const response = await authorizedFetch(rt, auth, url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) rt.print(`  the attempt was not recorded: ${response.status} ${await detailOf(response)}`);
  } catch (error) {
    if (!rt.signal.aborted) rt.print(`  the attempt was not recorded: ${fetchFailure(error, url)}`);
  }
}

/** Forwards one `forward` event to the receiver, prints its line, reports it. Never rejects. */
async function forward(rt: ListenRuntime, auth: ListenAuth, data: ForwardEvent): Promise<void> {
  if (rt.signal.aborted) return;
  // The Standard Webhooks headers only: a Host or Content-Length from the stream must not reach the receiver.
  const headers = Object.fromEntries(
    Object.entries(data.headers).filter(([name, value]) => /^webhook-/i.test(name) && typeof value === 'string'),
  );
  const result = await forwardWebhook(rt.forwardTo, headers, data.payload, rt.forwardTimeoutMs ?? 15_000);
  if (rt.signal.aborted) return;
  rt.print(forwardLine(data, result));
  await report(rt, auth, data, result);
}

/** fetch with the bearer credential; a 401 with renewable credentials (an expired token) is retried once. */
async function authorizedFetch(rt: ListenRuntime, auth: ListenAuth, url: string, init: RequestInit = {}) {
  const send = async (token: string) =>
    fetch(url, { ...init, headers: { ...init.headers, Authorization: `Bearer ${token}` }, signal: rt.signal });
  const response = await send(await auth.bearer());
  if (response.status !== 401 || !auth.renew) return response;
  await response.body?.cancel();
  return send(await auth.renew());
}

/** Opens the inbox stream. @throws ListenFatalError when no retry can help (refused, not found, not a stream) */
async function openInbox(rt: ListenRuntime, auth: ListenAuth): Promise<Response> {
  const url = `${rt.baseUrl}/webhooks/inbox`;
  const response = await authorizedFetch(rt, auth, url, { headers: { Accept: 'text/event-stream' } });
  const hint = ' (is --base-url the sandbox base, e.g. http://localhost:3000/sandbox?)';
  if ([400, 401, 403, 404].includes(response.status)) {
    const where = response.status === 404 ? hint : '';
    throw new ListenFatalError(`GET ${url} answered ${response.status}: ${await detailOf(response)}${where}`);
  }
  const type = response.headers.get('content-type') ?? 'no content type';
  if (response.ok && !type.startsWith('text/event-stream')) {
    await response.body?.cancel();
    throw new ListenFatalError(`GET ${url} answered ${type}, not an event stream${hint}`);
  }
  return response;
}

/** Queues the forward; when the queue is full, says which delivery was skipped and how to send it again. */
function offer(rt: ListenRuntime, auth: ListenAuth, queue: ForwardQueue, data: ForwardEvent): void {
  // Not awaited: a slow receiver (up to 15 s) must not hold back the stream; the queue caps how many run at once.
  if (queue.offer(() => forward(rt, auth, data), data.payload.length)) return;
  rt.print(
    `  skipped → ${data.event} ${data.message_id}: ${MAX_FORWARDS_RUNNING} forwards are running and the queue is full ` +
      `(${MAX_FORWARDS_WAITING} or 16 MiB waiting); send it again with POST /webhooks/deliveries/${data.delivery_id}/replay`,
  );
}

/**
 * One connection to the inbox: forwards until the stream ends.
 * @returns why it ended, in words; whether the stream had said `ready`; `oversized` when it broke a size limit
 */
async function connectOnce(rt: ListenRuntime, auth: ListenAuth, queue: ForwardQueue) {
  let ready = false;
  const onEvent = ({ event, data }: SseEvent) => {
    if (event === 'ready') {
      ready = true;
      const tenant = (parseJson(data) as { tenant_id?: string } | undefined)?.tenant_id ?? 'this app';
      rt.print(`Ready: forwarding deliveries of ${tenant} to ${rt.forwardTo}`);
    } else if (event === 'forward') {
      const parsed = parseJson(data);
      if (!isForward(parsed))
        return rt.print(`  a forward event without a delivery was skipped: ${data.slice(0, 120)}`);
      offer(rt, auth, queue, parsed);
    }
  };
  try {
    const response = await openInbox(rt, auth);
    if (!response.ok || !response.body) return { ready, reason: `${response.status} ${await detailOf(response)}` };
    await readEventStream(response.body, onEvent);
    return { ready, reason: 'the sandbox closed the stream' };
  } catch (error) {
    if (error instanceof ListenFatalError) throw error;
    if (error instanceof SseLimitError) return { ready, reason: error.message, oversized: true };
    return { ready, reason: fetchFailure(error, rt.baseUrl) };
  }
}

/** Waits `ms` or until `signal` aborts. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}

/**
 * Forwards the app's deliveries until `runtime.signal` aborts, reconnecting with backoff (printed) whenever the
 * stream drops; the backoff starts over after a connection that reached `ready`. At most MAX_FORWARDS_RUNNING
 * forwards run at once, up to MAX_FORWARDS_WAITING more wait in order (listen-queue.ts); past that a delivery is
 * skipped with a line saying how to replay it. Every printed line is stripped of control characters.
 *
 * A line or an event above 1 MiB (listen-sse.ts) ends the connection, which is then reopened like any dropped one,
 * not given up: the inbox sends live events only, so the new connection starts after the oversized event and the
 * deliveries behind it still arrive, while the developer's session keeps running. Such a connection does not start
 * the backoff over even if it said `ready`, so a server that always does it is asked less and less often (up to
 * every 30 s), each time read up to 1 MiB.
 * @returns when aborted (a forward still running ends with the process; its attempt is not reported; none waiting
 *   starts)
 * @throws ListenFatalError when the sandbox refuses the credentials or has no inbox at `runtime.baseUrl`
 */
export async function listen(runtime: ListenRuntime, auth: ListenAuth): Promise<void> {
  const rt = { ...runtime, print: (line: string) => runtime.print(printable(line)) };
  const backoff = rt.backoffMs ?? [1000, 2000, 5000, 10_000, 30_000];
  const queue = new ForwardQueue();
  rt.signal.addEventListener('abort', () => queue.clear(), { once: true });
  let failures = 0;
  while (!rt.signal.aborted) {
    const { ready, reason, oversized } = await connectOnce(rt, auth, queue);
    if (rt.signal.aborted) break;
    if (ready && !oversized) failures = 0;
    const wait = backoff[Math.min(failures, backoff.length - 1)] ?? 1000;
    failures += 1;
    const what = ready ? 'Inbox connection lost' : 'Could not open the inbox';
    rt.print(`${what} (${reason}); reconnecting in ${wait / 1000} s…`);
    await pause(wait, rt.signal);
  }
}
