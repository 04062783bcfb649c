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

/**
 * Attempts one instance has under way at once (a pool: a finished one frees its slot for the next due delivery at once,
 * rather than a batch waiting for its slowest receiver).
 */
const SLOTS = 10;
/** Attempts under way per tenant, and per endpoint: a tenant with slow receivers cannot take every slot. */
const PER_TENANT = 2;
const PER_ENDPOINT = 1;
/** Due deliveries read per scan (at most PER_TENANT of each tenant, in turns across tenants). */
const SCAN = 100;
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
        url: endpoint.url,
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

/** The attempts an instance has under way, counted per tenant and per endpoint. */
class Pool {
  readonly running = new Map<string, Promise<void>>();
  private readonly counts = new Map<string, number>();

  private count(key: string, by: number): number {
    const n = (this.counts.get(key) ?? 0) + by;
    if (n === 0) this.counts.delete(key);
    else this.counts.set(key, n);
    return n;
  }

  /** Whether a delivery of this tenant and endpoint may start now. */
  admits(row: { id: string; tenant_id: string; endpoint_id: string }): boolean {
    return (
      this.running.size < SLOTS &&
      !this.running.has(row.id) &&
      this.count(`t:${row.tenant_id}`, 0) < PER_TENANT &&
      this.count(`e:${row.tenant_id}:${row.endpoint_id}`, 0) < PER_ENDPOINT
    );
  }

  /** Runs `send` in a slot; `done` is called once it has finished and freed the slot. */
  start(row: { id: string; tenant_id: string; endpoint_id: string }, send: () => Promise<void>, done: () => void) {
    const keys = [`t:${row.tenant_id}`, `e:${row.tenant_id}:${row.endpoint_id}`];
    keys.forEach((key) => this.count(key, 1));
    const running = send()
      .catch(() => undefined)
      .finally(() => {
        keys.forEach((key) => this.count(key, -1));
        this.running.delete(row.id);
        done();
      });
    this.running.set(row.id, running);
  }
}

/**
 * One scan: starts due deliveries in the pool's free slots, in turns across tenants, without waiting for them.
 * @returns whether a due delivery had to wait for a slot (a finishing attempt scans again).
 */
async function scan(rt: Runtime, owner: string, pool: Pool, done: () => void): Promise<boolean> {
  if (pool.running.size >= SLOTS) return true;
  const due = await rt.store.dueDeliveries(rt.now(), SCAN, PER_TENANT);
  let waiting = false;
  for (const row of due) {
    if (pool.admits(row)) pool.start(row, () => claimAndSend(rt, owner, row.tenant_id, row.id), done);
    else waiting = true;
  }
  return waiting;
}

/**
 * Starts the worker of an instance: a scan now (deliveries left pending by a restart resume), then one whenever
 * `rt.signals.wakeWorker()` is called or the next delivery falls due (at most `rt.webhooks.workerPollMs` apart), on an
 * unref'd timer. A scan that fails (database busy or gone) is retried at the next one.
 */
export function startDeliveryWorker(rt: Runtime): DeliveryWorker {
  const owner = randomId('wkr_', 16);
  const pool = new Pool();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  const sleep = async (waiting: boolean) => {
    // Deliveries waiting for a slot are due now; the attempt that frees one scans again, so no need to poll for them.
    const due = waiting ? undefined : await rt.store.nextDueAt(rt.now()).catch(() => undefined);
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
      let waiting = false;
      do {
        again = false;
        waiting = await scan(rt, owner, pool, run).catch(() => false);
      } while (again && !stopped);
      await sleep(waiting);
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
      await Promise.all(pool.running.values());
    },
  };
}
