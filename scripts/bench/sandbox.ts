/**
 * Sandbox benchmark: requests per second and p50/p99 latency of `GET /v1/projects?limit=25` with a valid token
 * (auth + rate limiting + SQLite), autocannon 10 connections for 10 s, on a tenant whose rate limit is raised:
 * the standalone server (`npm run sandbox`, its own process on a temporary database file, as users run it), the
 * sandbox mounted in `next start`, and the trivial `/healthz` route handler in the same `next start` (the baseline
 * the mounted sandbox is judged against: within 15 %). The three `next start` targets run interleaved over
 * BENCH_SANDBOX_ROUNDS rounds (default 7) and each row reports its median round, so a burst of load from elsewhere on
 * the machine hits one round of every target alike instead of one target's only run. Why a child process for the
 * standalone server: in this process it would share one thread with autocannon's client, measuring the load
 * generator as much as the server.
 * Run alone: `npx tsx scripts/bench/sandbox.ts [portalBaseUrl]`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The part of autocannon's result we read (the package ships no types). */
interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (options: {
  url: string;
  headers: Record<string, string>;
  connections: number;
  duration: number;
}) => Promise<AutocannonResult>;

/** One benchmark row; latency in milliseconds. With several rounds: the median round, and every round's req/s. */
export interface SandboxBenchRow {
  target: string;
  url: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  roundsRequestsPerSecond?: number[];
}

async function tenantToken(sandboxBase: string): Promise<string> {
  const app = (await (await fetch(`${sandboxBase}/apps`, { method: 'POST' })).json()) as {
    client_id: string;
    client_secret: string;
  };
  const token = (await (
    await fetch(`${sandboxBase}/v1/auth/token`, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from(`${encodeURIComponent(app.client_id)}:${encodeURIComponent(app.client_secret)}`).toString('base64')}`,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials&scope=projects:read%20sandbox:manage',
    })
  ).json()) as { access_token: string };
  const raised = await fetch(`${sandboxBase}/rate-limit`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${token.access_token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ limit: 1_000_000, window_seconds: 3600 }),
  });
  if (!raised.ok) throw new Error(`raising the rate limit failed: ${raised.status}`);
  return token.access_token;
}

/**
 * Starts `scripts/sandbox-server.ts` (what `npm run sandbox` runs) on a free port and the given database file.
 * @returns its base URL and a stop function; rejects if it does not print its URL within 30 s.
 */
function startStandalone(db: string): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/sandbox-server.ts'], {
    env: { ...process.env, SANDBOX_PORT: '0', SANDBOX_DB: db, SANDBOX_MAX_REQUESTS_PER_SECOND: '1000000' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const timeout = setTimeout(() => reject(new Error('npm run sandbox did not start within 30 s')), 30_000);
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (!url) return;
      clearTimeout(timeout);
      resolve({ url, stop: () => child.kill('SIGTERM') });
    });
    child.on('exit', (code) => reject(new Error(`npm run sandbox exited ${code}`)));
  });
}

async function run(
  target: string,
  url: string,
  headers: Record<string, string>,
  options: { connections: number; duration: number },
  warmUp = true,
): Promise<SandboxBenchRow> {
  // Warm-up (JIT, prepared statements, first-request module loading, V8 sizing its young generation) so the measured
  // run is steady state: after 2 s the first round still ran several points slower than the later ones.
  if (warmUp) await autocannon({ url, headers, connections: options.connections, duration: 5 });
  const result = await autocannon({ url, headers, connections: options.connections, duration: options.duration });
  return {
    target,
    url,
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
  };
}

/** The median of numbers (the lower middle one for an even count); NaN for none. */
function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)] ?? NaN;
}

/**
 * The round with the median req/s, carrying every round's req/s; non-2xx is summed over all rounds, so an error
 * answered in any round shows.
 */
function medianRound(rounds: SandboxBenchRow[]): SandboxBenchRow {
  const middle = median(rounds.map((r) => r.requestsPerSecond));
  const chosen = rounds.find((r) => r.requestsPerSecond === middle);
  if (!chosen) throw new Error('no rounds measured');
  return {
    ...chosen,
    non2xx: rounds.reduce((sum, r) => sum + r.non2xx, 0),
    roundsRequestsPerSecond: rounds.map((r) => r.requestsPerSecond),
  };
}

/**
 * Runs the sandbox benchmark.
 * @param options.portalUrl - base URL of a running `next start` (e.g. http://localhost:3200); without it only the
 *   standalone row is measured.
 * @param options.connections - concurrent connections (default 10); options.duration - seconds per run (default 10);
 *   options.rounds - interleaved rounds of the `next start` targets (default BENCH_SANDBOX_ROUNDS, else 7).
 * @returns one row per target: standalone, mounted (if portalUrl), trivial route handler /healthz (if portalUrl).
 */
export async function benchSandbox(
  options: { portalUrl?: string; connections?: number; duration?: number; rounds?: number } = {},
): Promise<SandboxBenchRow[]> {
  const load = { connections: options.connections ?? 10, duration: options.duration ?? 10 };
  const rounds = Math.max(1, Math.round(options.rounds ?? (Number(process.env.BENCH_SANDBOX_ROUNDS) || 7)));
  const rows: SandboxBenchRow[] = [];
  const dir = mkdtempSync(path.join(tmpdir(), 'sandbox-bench-'));
  const server = await startStandalone(path.join(dir, 'bench.db'));
  try {
    const token = await tenantToken(server.url);
    rows.push(
      await run(
        'sandbox standalone (npm run sandbox)',
        `${server.url}/v1/projects?limit=25`,
        { Authorization: `Bearer ${token}` },
        load,
      ),
    );
  } finally {
    server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  if (options.portalUrl) {
    const base = options.portalUrl.replace(/\/$/, '');
    const auth = { Authorization: `Bearer ${await tenantToken(`${base}/sandbox`)}` };
    const targets: [string, string, Record<string, string>][] = [
      ['sandbox mounted (next start)', `${base}/sandbox/v1/projects?limit=25`, auth],
      // Same work (auth, rate limit, validation, SQLite) with a ~300-byte body like /healthz's: separates the
      // sandbox's own cost from Next's cost of streaming a 6 KB page of projects.
      ['sandbox mounted, limit=1 (next start)', `${base}/sandbox/v1/projects?limit=1`, auth],
      ['trivial route handler /healthz (next start)', `${base}/healthz`, {}],
    ];
    const measured = targets.map((): SandboxBenchRow[] => []);
    for (let round = 0; round < rounds; round++) {
      for (const [i, [target, url, headers]] of targets.entries())
        measured[i]?.push(await run(target, url, headers, load, round === 0));
    }
    rows.push(...measured.map(medianRound));
  }
  return rows;
}

/**
 * The rows as a Markdown table, then each mounted row's ratio to the trivial handler: with rounds, the median of the
 * per-round ratios (each pairs two runs that were neighbours in time), else the ratio of the single runs.
 */
export function formatSandboxRows(rows: readonly SandboxBenchRow[]): string {
  const lines = ['| target | req/s | p50 ms | p99 ms | non-2xx |', '|---|---|---|---|---|'];
  for (const r of rows) {
    const rounds =
      r.roundsRequestsPerSecond && r.roundsRequestsPerSecond.length > 1
        ? ` (median of ${r.roundsRequestsPerSecond.join(', ')})`
        : '';
    lines.push(`| ${r.target} | ${r.requestsPerSecond}${rounds} | ${r.p50Ms} | ${r.p99Ms} | ${r.non2xx} |`);
  }
  const baseline = rows.find((r) => r.target.startsWith('trivial'));
  for (const mounted of rows.filter((r) => r.target.startsWith('sandbox mounted'))) {
    if (!baseline) continue;
    const perRound = (mounted.roundsRequestsPerSecond ?? []).map(
      (rps, i) => (rps / (baseline.roundsRequestsPerSecond?.[i] ?? NaN)) * 100,
    );
    const ratio =
      perRound.length > 1 ? median(perRound) : (mounted.requestsPerSecond / baseline.requestsPerSecond) * 100;
    const rounds =
      perRound.length > 1 ? ` (median of rounds: ${perRound.map((r) => `${r.toFixed(1)} %`).join(', ')})` : '';
    lines.push('', `${mounted.target} / trivial handler: ${ratio.toFixed(1)} %${rounds}`);
  }
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url === `file://${path.resolve(process.argv[1])}`) {
  benchSandbox({ portalUrl: process.argv[2] })
    .then((rows) => console.log(formatSandboxRows(rows)))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
