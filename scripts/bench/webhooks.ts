/**
 * Webhook delivery benchmark: the standalone sandbox (`npm run sandbox`, a child process, like ./sandbox.ts) on a
 * temporary SQLite file, and a receiver on 127.0.0.1 in this process (./webhook-receiver.ts) that verifies every
 * delivery with the `standardwebhooks` package and records when it arrived. One app has one endpoint at the receiver
 * (loopback is allowed standalone); a second app is read by `sandbox:listen`'s loop (lib/sandbox/listen.ts, run in
 * this process as scripts/sandbox-listen.ts runs it) forwarding to the same receiver. Both apps' rate limits are
 * raised first (PUT /sandbox/rate-limit, on a server started with SANDBOX_MAX_REQUESTS_PER_SECOND lifted). Rows:
 * 1. emit → endpoint: 200 sequential emits, each waiting for its delivery; latency from sending
 *    POST /sandbox/webhooks/emit to the receiver holding the verified delivery. Goal: p99 ≤ 50 ms.
 * 2. throughput: 500 emits, 20 at a time; time from the first emit until all 500 endpoint deliveries arrived.
 *    Goal: ≥ 100 deliveries/s.
 * 3. emit → sandbox:listen → receiver: 100 sequential emits, latency as in 1. Goal: p99 ≤ 50 ms.
 * Rows 1 and 3 follow unmeasured warm-up emits (20 and 5). Every row also needs zero failures: a delivery that does
 * not verify or never arrives (10 s; a sequential row stops after 3 such misses, the rest counted as failures), an
 * emit not answered 2xx; for row 3 also a forward or report that sandbox:listen says failed.
 * Run alone: `npx tsx scripts/bench/webhooks.ts` (exit code 1 when a goal is missed).
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import { listen } from '../../lib/sandbox/listen';
import { startStandaloneSandbox, tempDir } from './processes';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver';
import {
  formatWebhookRows,
  percentile,
  WEBHOOK_BENCH_TITLE,
  webhookGoalsMet,
  type WebhookBenchRow,
  type WebhookGoal,
} from './webhook-rows';

const EVENT = 'deployment.succeeded';
const LATENCY_GOAL: WebhookGoal = { maxP99Ms: 50 };
const THROUGHPUT_GOAL: WebhookGoal = { minPerSecond: 100 };
const SEQUENTIAL = 200;
const BURST = 500;
const CONCURRENCY = 20;
const LISTENED = 100;
// JIT, prepared statements and the worker's first wake-ups; not measured. An app keeps 1,000 messages at most, and
// the endpoint app's 20 + 200 + 500 stay below it.
const WARM_UP = 20;
const ARRIVAL_TIMEOUT_MS = 10_000;
/** Missed deliveries after which a sequential scenario stops waiting. */
const GIVE_UP_AFTER = 3;

/** An app's base URL and bearer credential (its personal access token, which holds `sandbox:manage`). */
interface Client {
  base: string;
  token: string;
}

/** Calls a sandbox route with the app's token. @returns the JSON body, or undefined for a non-2xx answer */
async function call(client: Client, method: string, route: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${client.base}${route}`, {
    method,
    headers: { Authorization: `Bearer ${client.token}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) {
    console.error(`${method} ${route} → ${response.status}: ${(await response.text()).slice(0, 300)}`);
    return undefined;
  }
  return response.json();
}

/** Calls a setup route; a non-2xx answer ends the benchmark. */
async function setup<T>(client: Client, method: string, route: string, body?: unknown): Promise<T> {
  const answer = await call(client, method, route, body);
  if (answer === undefined) throw new Error(`${method} ${route} failed (above)`);
  return answer as T;
}

/** A new app, its rate limit raised. @returns its client and the secret that signs its listen copies */
async function createApp(base: string): Promise<{ client: Client; webhookSecret: string }> {
  const response = await fetch(`${base}/apps`, { method: 'POST' });
  if (response.status !== 201) throw new Error(`POST /apps → ${response.status}: ${await response.text()}`);
  const app = (await response.json()) as { personal_access_token: string; webhook_secret: string };
  const client = { base, token: app.personal_access_token };
  await setup(client, 'PUT', '/rate-limit', { limit: 1_000_000, window_seconds: 3600 });
  return { client, webhookSecret: app.webhook_secret };
}

/** Emits one event. @returns its `webhook-id` (the message ID every delivery carries), or undefined on a non-2xx */
async function emit(client: Client): Promise<string | undefined> {
  return ((await call(client, 'POST', '/webhooks/emit', { event: EVENT })) as { webhook_id: string } | undefined)
    ?.webhook_id;
}

/** Emits up to `count` events one after another, each waiting for its delivery at `receiverPath` (not measured). */
async function warmUp(client: Client, receiver: WebhookReceiver, receiverPath: string, count: number): Promise<void> {
  for (let index = 0; index < count; index += 1) {
    const id = await emit(client);
    // A miss is left to the measured emits to count; waiting on for the others would only add time-outs.
    if (id === undefined || (await receiver.arrival(receiverPath, id, ARRIVAL_TIMEOUT_MS)) === undefined) return;
  }
}

/**
 * Runs one scenario, adding to its failures the deliveries that failed verification meanwhile (the receiver cannot
 * tell which emit an unverifiable request belongs to).
 */
async function countingFailures(
  receiver: WebhookReceiver,
  measure: () => Promise<WebhookBenchRow>,
): Promise<WebhookBenchRow> {
  const before = receiver.failures();
  const row = await measure();
  return { ...row, failures: row.failures + receiver.failures() - before };
}

/** `count` emits one after another, each waiting for its delivery at `receiverPath`. @returns the row */
async function sequential(
  scenario: string,
  client: Client,
  receiver: WebhookReceiver,
  receiverPath: string,
  count: number,
): Promise<WebhookBenchRow> {
  const latencies: number[] = [];
  let failures = 0;
  for (let index = 0; index < count; index += 1) {
    const sent = performance.now();
    const id = await emit(client);
    const arrived = id === undefined ? undefined : await receiver.arrival(receiverPath, id, ARRIVAL_TIMEOUT_MS);
    if (arrived !== undefined) latencies.push(arrived - sent);
    else if ((failures += 1) === GIVE_UP_AFTER) {
      // Something is broken: the rest would each wait the full timeout. They count as failures.
      failures += count - index - 1;
      break;
    }
  }
  // No arrival at all: no figure (the row fails on its failures).
  const round = (p: number) => (latencies.length ? Math.round(percentile(latencies, p) * 10) / 10 : undefined);
  return {
    scenario,
    deliveries: count,
    p50Ms: round(50),
    p99Ms: round(99),
    failures,
    goal: LATENCY_GOAL,
  };
}

/** `BURST` emits, `CONCURRENCY` at a time, then waits for every delivery at `/endpoint`. @returns the row */
async function burst(client: Client, receiver: WebhookReceiver): Promise<WebhookBenchRow> {
  const ids: (string | undefined)[] = [];
  const start = performance.now();
  const workers = Array.from({ length: CONCURRENCY }, async () => {
    while (ids.length < BURST) {
      const slot = ids.push(undefined) - 1;
      ids[slot] = await emit(client);
    }
  });
  await Promise.all(workers);
  const arrivals = await Promise.all(
    ids.map((id) => (id === undefined ? undefined : receiver.arrival('/endpoint', id, ARRIVAL_TIMEOUT_MS))),
  );
  const arrived = arrivals.filter((at) => at !== undefined);
  const seconds = (Math.max(start, ...arrived) - start) / 1000;
  return {
    scenario: `throughput: ${BURST} emits, ${CONCURRENCY} at a time, until all delivered`,
    deliveries: BURST,
    seconds: Math.round(seconds * 100) / 100,
    perSecond: arrived.length === 0 ? 0 : Math.round(arrived.length / seconds),
    failures: BURST - arrived.length,
    goal: THROUGHPUT_GOAL,
  };
}

/** Row 3: runs sandbox:listen's loop for the app, forwarding to `/listen`, and measures sequential emits. */
async function throughListen(client: Client, receiver: WebhookReceiver): Promise<WebhookBenchRow> {
  const stop = new AbortController();
  let problems = 0;
  let ready!: () => void;
  const isReady = new Promise<void>((resolve) => (ready = resolve));
  const print = (line: string) => {
    if (line.startsWith('Ready:')) ready();
    // "→ event msg_… 204 in 3 ms" is a success; anything else (a failed forward or report, a lost stream) is not.
    else if (!/^→ \S+ msg_\w+ 2\d\d in \d+ ms$/.test(line)) {
      problems += 1;
      console.error(`sandbox:listen: ${line}`);
    }
  };
  const running = listen(
    { baseUrl: client.base, forwardTo: `${receiver.url}/listen`, print, signal: stop.signal },
    { bearer: async () => client.token },
  );
  try {
    await Promise.race([isReady, running.then(() => Promise.reject(new Error('sandbox:listen ended early')))]);
    await warmUp(client, receiver, '/listen', 5);
    const row = await sequential(
      `emit → sandbox:listen → receiver (${LISTENED} sequential)`,
      client,
      receiver,
      '/listen',
      LISTENED,
    );
    return { ...row, failures: row.failures + problems };
  } finally {
    stop.abort();
    await running.catch(() => undefined);
  }
}

/**
 * Runs the webhook benchmark (rows above). The sandbox child process, its temporary folder and the receiver are
 * stopped before it returns or throws.
 * @returns the three rows: emit → endpoint latency, throughput, emit → sandbox:listen → receiver latency
 * @throws Error when the sandbox does not start or an app or endpoint cannot be set up
 */
export async function benchWebhooks(): Promise<WebhookBenchRow[]> {
  const temp = tempDir('webhook-bench-');
  const receiver = await startWebhookReceiver();
  let sandbox: Awaited<ReturnType<typeof startStandaloneSandbox>> | undefined;
  try {
    sandbox = await startStandaloneSandbox({
      SANDBOX_DB: path.join(temp.dir, 'bench.db'),
      SANDBOX_MAX_REQUESTS_PER_SECOND: '1000000',
      SANDBOX_WEBHOOK_ALLOW_LOOPBACK: '1',
    });
    const base = `${sandbox.url}/sandbox`;
    const hooked = await createApp(base);
    const listened = await createApp(base);
    const endpoint = await setup<{ secret: string }>(hooked.client, 'POST', '/webhooks/endpoints', {
      url: `${receiver.url}/endpoint`,
      events: [EVENT],
    });
    receiver.accept('/endpoint', endpoint.secret);
    receiver.accept('/listen', listened.webhookSecret);
    return [
      await countingFailures(receiver, async () => {
        await warmUp(hooked.client, receiver, '/endpoint', WARM_UP);
        return sequential(
          `emit → endpoint (${SEQUENTIAL} sequential)`,
          hooked.client,
          receiver,
          '/endpoint',
          SEQUENTIAL,
        );
      }),
      await countingFailures(receiver, () => burst(hooked.client, receiver)),
      await countingFailures(receiver, () => throughListen(listened.client, receiver)),
    ];
  } finally {
    sandbox?.stop();
    await receiver.close();
    temp.remove();
  }
}

if (process.argv[1] && import.meta.url === `file://${path.resolve(process.argv[1])}`) {
  benchWebhooks()
    .then((rows) => {
      console.log(`## ${WEBHOOK_BENCH_TITLE}\n\n${formatWebhookRows(rows)}`);
      if (!webhookGoalsMet(rows)) process.exitCode = 1;
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
