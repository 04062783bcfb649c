/**
 * Load and soak of the shared sandbox: two standalone sandboxes (`scripts/sandbox-server.ts`, child processes) on ONE
 * PostgreSQL database (a fresh throwaway cluster, SANDBOX_DATABASE_URL), as two instances behind a load balancer.
 * For `seconds` (default 60, BENCH_SOAK_SECONDS), `SOAK_WORKERS` concurrent workers (default 10, even ones on the
 * first instance, odd ones on the second) send back-to-back requests — the highest rate the servers sustain (after a
 * warm-up of min(10 s, seconds / 6)) — spread over 5 tenants, each created on one instance, used on both and checked
 * on the other: 55 % GET /v1/projects pages, 10 % metrics, 20 % POST /v1/projects with an Idempotency-Key (a quarter
 * of them repeating an earlier key with its body, answered by either instance), 15 % client-credentials token
 * requests. Loopback only; stops by itself, and stops both instances and the cluster, also on failure or Ctrl-C.
 * Asserts: zero 5xx; zero lost or duplicated projects (per tenant, new projects by X-Total-Count == distinct keys
 * answered 201, and each key's project name appears exactly once); memory that does not keep growing in either
 * instance (median VmRSS of the last third of the measured period ≤ 110 % of the middle third's).
 * Run alone: `npx tsx scripts/bench/soak.ts`.
 */
import path from 'node:path';

import { rssMiB, startCluster, startStandaloneSandbox, tempDir, type StandaloneSandbox } from './processes';

/** The soak's figures; latency in ms, memory in MiB. */
export interface SoakResult {
  seconds: number;
  instances: number;
  workers: number;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  byKind: Record<string, number>;
  statuses: Record<string, number>;
  serverErrors: number;
  projectsCreated: number;
  projectsLost: number;
  projectsDuplicated: number;
  /** Per instance, in MiB; growth compares the last third of the measured period with the middle third. */
  rss: { startMiB: number; middleMiB: number; endMiB: number; growthPercent: number }[];
  memoryStable: boolean;
  ok: boolean;
}

const TENANTS = 5;
const SEEDED = 60;
const RSS_GROWTH_LIMIT_PERCENT = 10;

interface Tenant {
  clientId: string;
  clientSecret: string;
  token: string;
  projectId: string;
  /** Keys answered 201 (first time) → project ID; keys may be repeated later. */
  created: Map<string, string>;
  replays: number;
  nextKey: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};
const percentile = (sorted: Float64Array, p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const basicAuth = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

async function clientCredentials(base: string, tenant: Pick<Tenant, 'clientId' | 'clientSecret'>): Promise<Response> {
  return fetch(`${base}/v1/auth/token`, {
    method: 'POST',
    headers: {
      Authorization: basicAuth(tenant.clientId, tenant.clientSecret),
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
}

async function createTenant(base: string): Promise<Tenant> {
  const app = await fetch(`${base}/apps`, { method: 'POST' });
  if (app.status !== 201) throw new Error(`POST /apps → ${app.status}: ${await app.text()}`);
  const { client_id: clientId, client_secret: clientSecret } = (await app.json()) as {
    client_id: string;
    client_secret: string;
  };
  const token = ((await (await clientCredentials(base, { clientId, clientSecret })).json()) as { access_token: string })
    .access_token;
  const auth = { Authorization: `Bearer ${token}` };
  const raised = await fetch(`${base}/rate-limit`, {
    method: 'PUT',
    headers: { ...auth, 'Content-Type': 'application/json' },
    body: '{"limit":1000000,"window_seconds":3600}',
  });
  if (!raised.ok) throw new Error(`raising the rate limit failed: ${raised.status}`);
  const [first] = (await (await fetch(`${base}/v1/projects?limit=1`, { headers: auth })).json()) as { id: string }[];
  return { clientId, clientSecret, token, projectId: first!.id, created: new Map(), replays: 0, nextKey: 0 };
}

/** Every project name of a tenant in production, by paging at limit=100. */
async function allNames(base: string, tenant: Tenant): Promise<{ total: number; names: string[] }> {
  const names: string[] = [];
  let total = 0;
  for (let page = 1; ; page += 1) {
    const response = await fetch(`${base}/v1/projects?page=${page}&limit=100`, {
      headers: { Authorization: `Bearer ${tenant.token}` },
    });
    total = Number(response.headers.get('x-total-count'));
    const items = (await response.json()) as { name: string }[];
    names.push(...items.map((item) => item.name));
    if (items.length < 100) return { total, names };
  }
}

/**
 * Starts a fresh PostgreSQL cluster and two standalone sandboxes on it, runs the soak against both, and stops them.
 * @param options.seconds measured duration (default BENCH_SOAK_SECONDS, else 60)
 * @param options.workers concurrent workers, alternating between the instances (default SOAK_WORKERS, else 10)
 * @returns the figures; `ok` is false if any assertion (5xx, lost/duplicated projects, memory growth) failed
 * @throws Error if PostgreSQL is not installed, an instance does not start or the tenants cannot be created
 */
export async function benchSoak(options: { seconds?: number; workers?: number } = {}): Promise<SoakResult> {
  const seconds = options.seconds ?? (Number(process.env.BENCH_SOAK_SECONDS) || 60);
  const workers = options.workers ?? (Number(process.env.SOAK_WORKERS) || 10);
  const cluster = await startCluster();
  const temp = tempDir('sandbox-soak-');
  const instances: StandaloneSandbox[] = [];
  try {
    // The soak creates thousands of projects per tenant, each with an Idempotency-Key, far above 100 requests per
    // second: lift the sandbox's abuse caps (500 projects, 1,000 idempotency records per tenant, a tenant's own rate
    // limit).
    const env = {
      SANDBOX_DATABASE_URL: cluster.url,
      SANDBOX_PROJECTS_PER_TENANT: '1000000',
      SANDBOX_MAX_REQUESTS_PER_SECOND: '1000000',
      SANDBOX_IDEMPOTENCY_RECORDS_PER_TENANT: '1000000',
    };
    // One after another, so the second instance finds the schema migrated instead of migrating alongside the first.
    for (let i = 0; i < 2; i += 1) instances.push(await startStandaloneSandbox(env));
    return await soak(
      instances.map((instance) => ({ base: `${instance.url}/sandbox`, pid: instance.pid })),
      seconds,
      workers,
    );
  } finally {
    for (const instance of instances) instance.stop();
    cluster.stop();
    temp.remove();
  }
}

async function soak(instances: { base: string; pid: number }[], seconds: number, workers: number): Promise<SoakResult> {
  const at = (i: number) => instances[i % instances.length]!;
  const tenants: Tenant[] = [];
  for (let i = 0; i < TENANTS; i += 1) tenants.push(await createTenant(at(i).base));

  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const byKind: Record<string, number> = {};
  const rssStart = instances.map(({ pid }) => rssMiB(pid));
  // Warm-up (JIT, prepared statements, V8 heap sizing) before the measured period, so RSS growth measures the
  // steady state, not start-up.
  const warmup = Math.min(10, Math.ceil(seconds / 6));
  const started = performance.now() + warmup * 1000;
  const rss: number[][] = instances.map(() => []);
  const sample = () => instances.forEach(({ pid }, i) => rss[i]!.push(rssMiB(pid)));
  const sampler = setInterval(() => {
    if (performance.now() >= started) sample();
  }, 1000);
  const deadline = started + seconds * 1000;

  async function one(base: string, tenant: Tenant): Promise<void> {
    const auth = { Authorization: `Bearer ${tenant.token}` };
    const roll = Math.random();
    let kind: string;
    let request: () => Promise<Response>;
    let key: string | undefined;
    if (roll < 0.55) {
      kind = 'list';
      request = () =>
        fetch(`${base}/v1/projects?page=${1 + Math.floor(Math.random() * 4)}&limit=25`, { headers: auth });
    } else if (roll < 0.65) {
      kind = 'metrics';
      request = () => fetch(`${base}/v1/projects/${tenant.projectId}/metrics?window=1h`, { headers: auth });
    } else if (roll < 0.85) {
      const used = [...tenant.created.keys()];
      const repeat = used.length > 0 && Math.random() < 0.25;
      key = repeat
        ? used[Math.floor(Math.random() * used.length)]!
        : `soak-${tenant.clientId}-${(tenant.nextKey += 1)}`;
      kind = repeat ? 'create (repeated key)' : 'create';
      request = () =>
        fetch(`${base}/v1/projects`, {
          method: 'POST',
          headers: { ...auth, 'Content-Type': 'application/json', 'Idempotency-Key': `"${key!}"` },
          body: JSON.stringify({ name: key }),
        });
    } else {
      kind = 'token';
      request = () => clientCredentials(base, tenant);
    }
    const t0 = performance.now();
    let status: number;
    try {
      const response = await request();
      status = response.status;
      if (key !== undefined && status === 201) {
        const { id } = (await response.json()) as { id: string };
        if (response.headers.get('idempotent-replayed') === 'true') {
          tenant.replays += 1;
          if (tenant.created.get(key) !== id)
            statuses['replay with another project'] = (statuses['replay with another project'] ?? 0) + 1;
        } else if (tenant.created.has(key)) {
          statuses['second creation for a key'] = (statuses['second creation for a key'] ?? 0) + 1;
        } else {
          tenant.created.set(key, id);
        }
      } else {
        await response.arrayBuffer();
      }
    } catch {
      status = 0;
    }
    if (t0 >= started) latencies.push(performance.now() - t0);
    statuses[String(status)] = (statuses[String(status)] ?? 0) + 1;
    byKind[kind] = (byKind[kind] ?? 0) + 1;
  }

  try {
    await Promise.all(
      Array.from({ length: workers }, async (_, worker) => {
        const { base } = at(worker);
        for (let i = worker; performance.now() < deadline; i += 1) await one(base, tenants[i % TENANTS]!);
      }),
    );
  } finally {
    clearInterval(sampler);
  }
  const elapsed = (performance.now() - started) / 1000;
  sample();

  let created = 0;
  let lost = 0;
  let duplicated = 0;
  for (const [i, tenant] of tenants.entries()) {
    // Read back on the instance that did not create the tenant.
    const { total, names } = await allNames(at(i + 1).base, tenant);
    created += tenant.created.size;
    const counts = new Map<string, number>();
    for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
    let extra = 0;
    for (const key of tenant.created.keys()) {
      const n = counts.get(key) ?? 0;
      if (n === 0) lost += 1;
      if (n > 1) extra += n - 1;
    }
    // Rows nobody was told about (a create that failed yet stored a row) count as duplicates too.
    duplicated += extra + Math.max(0, total - SEEDED - tenant.created.size - extra);
  }

  const sorted = Float64Array.from(latencies).sort();
  const memory = rss.map((samples, i) => {
    const third = Math.max(1, Math.floor(samples.length / 3));
    const middle = median(samples.slice(third, 2 * third));
    const last = median(samples.slice(2 * third));
    const growth = middle > 0 ? ((last - middle) / middle) * 100 : 0;
    return {
      startMiB: Math.round(rssStart[i]!),
      middleMiB: Math.round(middle),
      endMiB: Math.round(samples.at(-1)!),
      growthPercent: Number(growth.toFixed(1)),
    };
  });
  const serverErrors = Object.entries(statuses)
    .filter(([status]) => /^5\d\d$/.test(status) || status === '0')
    .reduce((sum, [, n]) => sum + n, 0);
  const anomalies = (statuses['replay with another project'] ?? 0) + (statuses['second creation for a key'] ?? 0);
  const memoryStable = memory.every((m) => m.growthPercent <= RSS_GROWTH_LIMIT_PERCENT);
  return {
    seconds: Math.round(elapsed),
    instances: instances.length,
    workers,
    requests: latencies.length,
    requestsPerSecond: Math.round(latencies.length / elapsed),
    p50Ms: Number(percentile(sorted, 50).toFixed(1)),
    p99Ms: Number(percentile(sorted, 99).toFixed(1)),
    byKind,
    statuses,
    serverErrors,
    projectsCreated: created,
    projectsLost: lost,
    projectsDuplicated: duplicated + anomalies,
    rss: memory,
    memoryStable,
    ok: serverErrors === 0 && lost === 0 && duplicated + anomalies === 0 && memoryStable,
  };
}

/** The figures as Markdown; RSS and its growth (last vs middle third of the measured period) per instance. */
export function formatSoak(result: SoakResult): string {
  const perInstance = (f: (m: SoakResult['rss'][number]) => string) =>
    result.rss.map((m, i) => `${String.fromCharCode(65 + i)}: ${f(m)}`).join('; ');
  return [
    `| seconds | instances | workers | requests | req/s | p50 ms | p99 ms | 5xx | projects created | lost | duplicated | RSS start → middle → end MiB | growth (limit ${RSS_GROWTH_LIMIT_PERCENT} %) |`,
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    `| ${result.seconds} | ${result.instances} | ${result.workers} | ${result.requests} | ${result.requestsPerSecond} | ${result.p50Ms} | ${result.p99Ms} | ${result.serverErrors} | ${result.projectsCreated} | ${result.projectsLost} | ${result.projectsDuplicated} | ${perInstance((m) => `${m.startMiB} → ${m.middleMiB} → ${m.endMiB}`)} | ${perInstance((m) => `${m.growthPercent} %`)} |`,
    '',
    `mix: ${Object.entries(result.byKind)
      .map(([kind, n]) => `${kind} ${n}`)
      .join(', ')}; statuses: ${Object.entries(result.statuses)
      .map(([s, n]) => `${s} ×${n}`)
      .join(', ')}; ${result.ok ? 'PASS' : 'FAIL'}`,
  ].join('\n');
}

if (process.argv[1] && import.meta.url === `file://${path.resolve(process.argv[1])}`) {
  benchSoak()
    .then((result) => {
      console.log(formatSoak(result));
      if (!result.ok) process.exitCode = 1;
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
