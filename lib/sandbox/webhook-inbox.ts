/**
 * GET /webhooks/inbox: a sandbox app's deliveries as server-sent events (HTML Living Standard §9.2), the live inbox
 * of the console and what `npm run sandbox:listen` forwards. Events: `ready` first, `forward` each time a listen copy
 * is published, `delivery` each time a delivery is created or changes, a `: keep-alive` comment every 15 s. The
 * stream reads the app's change feed in the database by a cursor, so a change made on another instance arrives
 * within a poll interval; a change made on this one wakes it at once.
 */
import type { Call } from './call';
import { LIMITS } from './config';
import { problem, type Reply } from './http';
import type { Runtime } from './runtime';
import type { StreamSink } from './stream';
import { deliveryView } from './webhook-views';

/** Changes read per query. */
const PAGE = 100;

/** One server-sent event (its data is JSON on one line). */
const sse = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

/** Writes a page of changes as events; a delivery changed several times in the page is shown once, as it is now. */
async function writeChanges(
  rt: Runtime,
  tenantId: string,
  changes: Awaited<ReturnType<Runtime['store']['changesAfter']>>,
  sink: StreamSink,
): Promise<void> {
  for (const [index, change] of changes.entries()) {
    if (change.kind === 'forward') {
      sink.write(`event: forward\ndata: ${change.data ?? '{}'}\n\n`);
      continue;
    }
    const later = changes
      .slice(index + 1)
      .some((next) => next.kind === 'delivery' && next.delivery_id === change.delivery_id);
    if (later) continue;
    const record = await rt.store.delivery(tenantId, change.delivery_id);
    if (record) sink.write(sse('delivery', deliveryView(record)));
  }
}

/** Writes the tenant's changes after `cursor` until the client goes away. */
async function pump(rt: Runtime, tenantId: string, cursor: number, sink: StreamSink): Promise<void> {
  let done = false;
  let wake = () => undefined as void;
  void sink.closed.then(() => {
    done = true;
    wake();
  });
  const off = rt.signals.onChange(tenantId, () => wake());
  const offEnd = rt.signals.onEnd(() => {
    done = true;
    wake();
  });
  try {
    sink.write(sse('ready', { tenant_id: tenantId }));
    let quietSince = Date.now();
    while (!done) {
      const changes = await rt.store.changesAfter(tenantId, cursor, PAGE);
      if (changes.length > 0) {
        await writeChanges(rt, tenantId, changes, sink);
        cursor = changes.at(-1)!.seq;
        quietSince = Date.now();
        if (changes.length === PAGE) continue;
      } else if (Date.now() - quietSince >= LIMITS.webhooks.keepAliveMs) {
        sink.write(': keep-alive\n\n');
        quietSince = Date.now();
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, rt.webhooks.streamPollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  } catch {
    // The database is gone or busy: the stream ends, and the client reconnects.
  } finally {
    off();
    offEnd();
  }
}

/**
 * GET /webhooks/inbox: 200 `text/event-stream` (not cached, not transformed, not buffered by a proxy), or 429 when the
 * app has LIMITS.webhooks.streamsPerApp streams open on this instance. Starts after the newest change: what happened
 * before is the first page of GET /webhooks/messages.
 */
export async function openInbox(call: Call): Promise<Reply> {
  const { rt, ctx } = call;
  const tenantId = call.identity?.tenantId ?? '';
  const max = LIMITS.webhooks.streamsPerApp;
  const release = rt.signals.takeStream(tenantId, max);
  if (!release)
    return problem(
      ctx,
      429,
      `This sandbox app has ${max} inbox streams open on this server, the most it may; close one (each browser tab or sandbox:listen holds one), then retry.`,
      { headers: { 'Retry-After': '5' } },
    );
  const headers = {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    'X-Accel-Buffering': 'no',
  };
  if (call.request.method === 'HEAD') {
    release();
    return { status: 200, headers, body: null };
  }
  let cursor: number;
  try {
    cursor = await rt.store.lastChange(tenantId);
  } catch (error) {
    release();
    throw error;
  }
  return {
    status: 200,
    headers,
    body: null,
    stream: (sink) => pump(rt, tenantId, cursor, sink).finally(release),
  };
}
