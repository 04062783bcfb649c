/**
 * The delivery worker of one sandbox instance: it claims due endpoint deliveries with a lease (so two instances on
 * one PostgreSQL database never send the same attempt), signs each attempt at its own time, posts it through
 * outbound.ts (public addresses only; loopback too standalone), records the attempt and schedules the next per the
 * retry schedule. Woken at once after an emit or replay; otherwise it sleeps until the next due delivery, at most
 * `workerPollMs` (deliveries of other instances, and those left pending by a restart).
 */
import { randomId } from './ids';
import { postWebhook, type OutboundResult } from './outbound';
import type { Runtime } from './runtime';
import type { AttemptRecord, DeliveryRecord, EndpointRow } from './store';
import { endpointSecrets, signDelivery } from './webhook-signing';

/** Deliveries claimed per scan (each sent concurrently). */
const BATCH = 10;
/** A lease outlasts the attempt's timeout by this much (ms): recording it must finish before another may claim it. */
const LEASE_MARGIN_MS = 30_000;

/** The shortest sleep between scans (ms): a floor against a busy loop; a wake (emit, replay) still runs at once. */
const MIN_SLEEP_MS = 50;

/** A running worker. */
export interface DeliveryWorker {
  /** Stops scanning and waits for the attempts under way to be recorded. */
  stop(): Promise<void>;
}

/** Text as PostgreSQL can keep it (its text cannot hold U+0000). */
const storable = (text: string) => text.replaceAll('\u0000', '\uFFFD');

/** What an attempt's result does to its delivery: status, next due time and schedule position. */
function nextState(
  rt: Runtime,
  record: DeliveryRecord,
  replay: boolean,
  result: OutboundResult,
): Omit<AttemptRecord, 'attempt' | 'disable'> {
  const { delivery } = record;
  if (result.outcome === 'succeeded')
    return { status: 'succeeded', nextAttemptAt: null, scheduledAttempts: delivery.scheduled_attempts };
  // A failed replay leaves a running schedule as it was, and a finished delivery failed.
  if (replay)
    return delivery.status === 'pending'
      ? { status: 'pending', nextAttemptAt: delivery.next_attempt_at, scheduledAttempts: delivery.scheduled_attempts }
      : { status: 'failed', nextAttemptAt: null, scheduledAttempts: delivery.scheduled_attempts };
  const made = delivery.scheduled_attempts + 1;
  const wait = rt.webhooks.schedule[made];
  if (wait === undefined) return { status: 'failed', nextAttemptAt: null, scheduledAttempts: made };
  return { status: 'pending', nextAttemptAt: rt.now() + wait * 1000, scheduledAttempts: made };
}

/** The failure of an attempt in words. */
function failureOf(result: OutboundResult): string | null {
  if (result.outcome === 'succeeded') return null;
  return result.error ?? (result.status === undefined ? 'no answer' : `answered ${result.status}`);
}

/** Sends one attempt of a delivery claimed by `owner` to its endpoint and records it. */
async function attempt(rt: Runtime, owner: string, record: DeliveryRecord, endpoint: EndpointRow): Promise<void> {
  const { delivery } = record;
  const replay = delivery.replay_requested === 1;
  const sentAt = rt.now();
  const headers = signDelivery(delivery.message_id, record.payload, endpointSecrets(endpoint, sentAt), sentAt);
  const { allowLoopback, timeoutMs, resolve } = rt.webhooks;
  const result = await postWebhook(endpoint.url, headers, record.payload, {
    allowLoopback,
    timeoutMs,
    ...(resolve ? { resolve } : {}),
  });
  const error = failureOf(result);
  const after = rt.webhooks.disableAfter;
  await rt.store.recordAttempt(
    endpoint.id,
    {
      attempt: {
        tenant_id: delivery.tenant_id,
        delivery_id: delivery.id,
        trigger: replay ? 'replay' : 'schedule',
        attempted_at: sentAt,
        status: result.status ?? null,
        duration_ms: Math.round(result.durationMs * 10) / 10,
        response_excerpt: storable(result.excerpt),
        error: error === null ? null : storable(error),
        outcome: result.outcome,
        headers: JSON.stringify(headers),
      },
      ...nextState(rt, record, replay, result),
      disable: { after, reason: `Disabled after ${after} failed attempts in a row; the last: ${error ?? ''}` },
      owner,
    },
    rt.now(),
  );
  rt.signals.changed(delivery.tenant_id);
}

/** Claims one due delivery for `owner` and attempts it; gives it back when its endpoint is gone or disabled. */
async function claimAndSend(rt: Runtime, owner: string, tenantId: string, id: string): Promise<void> {
  const now = rt.now();
  if (!(await rt.store.claimDelivery(tenantId, id, owner, now, now + rt.webhooks.timeoutMs + LEASE_MARGIN_MS))) return;
  const record = await rt.store.delivery(tenantId, id);
  const endpointId = record?.delivery.endpoint_id;
  const endpoint = endpointId ? await rt.store.endpoint(tenantId, endpointId) : undefined;
  if (!record || !endpoint || endpoint.enabled !== 1) {
    await rt.store.releaseDelivery(tenantId, id, owner);
    return;
  }
  await attempt(rt, owner, record, endpoint);
}

/** One scan: every due delivery, BATCH at a time, each claimed and sent. */
async function scan(rt: Runtime, owner: string): Promise<void> {
  for (;;) {
    const due = await rt.store.dueDeliveries(rt.now(), BATCH);
    await Promise.all(due.map((row) => claimAndSend(rt, owner, row.tenant_id, row.id).catch(() => undefined)));
    if (due.length < BATCH) return;
  }
}

/**
 * Starts the worker of an instance: a scan now (deliveries left pending by a restart resume), then one whenever
 * `rt.signals.wakeWorker()` is called or the next delivery falls due (at most `rt.webhooks.workerPollMs` apart), on an
 * unref'd timer. A scan that fails (database busy or gone) is retried at the next one.
 */
export function startDeliveryWorker(rt: Runtime): DeliveryWorker {
  const owner = randomId('wkr_', 16);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  const sleep = async () => {
    const due = await rt.store.nextDueAt(rt.now()).catch(() => undefined);
    if (stopped) return;
    // Never 0 ms: should the due query and the scan ever disagree again, the worker idles instead of spinning.
    const wait = due === undefined ? rt.webhooks.workerPollMs : Math.max(MIN_SLEEP_MS, due - rt.now());
    clearTimeout(timer);
    timer = setTimeout(run, Math.min(wait, rt.webhooks.workerPollMs));
    timer.unref();
  };
  function run(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    clearTimeout(timer);
    running = (async () => {
      do {
        again = false;
        await scan(rt, owner).catch(() => undefined);
      } while (again && !stopped);
      await sleep();
    })().finally(() => {
      running = undefined;
      if (again) run();
    });
  }
  rt.signals.onWake(run);
  run();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      rt.signals.onWake(() => undefined);
      while (running) await running;
    },
  };
}
