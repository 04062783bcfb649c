import { createHash } from 'node:crypto';

import { apiModel } from '@/lib/openapi';

import type { ApiCall } from './call';
import { json, problem, type Reply } from './http';

const WINDOW_SECONDS: Record<string, number> = { '1h': 3600, '24h': 86_400, '7d': 604_800, '30d': 2_592_000 };

/** Deterministic pseudo-random numbers in [0, 1) from a seed, so a project's metrics are stable between calls. */
function randoms(seed: string): () => number {
  let counter = 0;
  return () => createHash('sha256').update(`${seed}:${counter++}`).digest().readUInt32BE(0) / 2 ** 32;
}

function regions(): string[] {
  return apiModel().schema('Region')?.enum?.map(String) ?? ['us-east-1'];
}

/**
 * Synthetic but self-consistent metrics of one project over a window: breakdown rows sum to the runtime totals,
 * `error_rate = errors / requests`, usage scales with the window length.
 */
export function projectMetrics(
  projectId: string,
  environment: string,
  window: string,
  now: number,
): Record<string, unknown> {
  const seconds = WINDOW_SECONDS[window] ?? 86_400;
  const random = randoms(`${projectId}:${window}`);
  const all = regions();
  const first = Math.floor(random() * all.length);
  const primary = all[first] ?? 'us-east-1';
  const secondary = all[(first + 1) % all.length] ?? primary;
  const perSecond = 2 + Math.floor(random() * 40);
  const requests = perSecond * seconds;
  const errors = Math.floor(requests * random() * 0.004);
  const bandwidth = requests * (20_000 + Math.floor(random() * 30_000));
  const share = 0.6 + random() * 0.3;
  const split = (total: number) => [Math.round(total * share), total - Math.round(total * share)] as const;
  const [requestsA, requestsB] = split(requests);
  const [errorsA, errorsB] = split(errors);
  const [bytesA, bytesB] = split(bandwidth);
  const p50 = Math.round(20 + random() * 60);
  const round = (value: number, digits = 1) => Number(value.toFixed(digits));
  const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    project_id: projectId,
    window,
    from: iso(now - seconds * 1000),
    to: iso(now),
    runtime: {
      requests,
      errors,
      error_rate: requests === 0 ? 0 : round(errors / requests, 6),
      latency_ms: { p50, p95: Math.round(p50 * (3 + random())), p99: Math.round(p50 * (8 + random() * 4)) },
      cpu_seconds: round(requests * 0.004),
      memory_mb_avg: round(128 + random() * 384),
      uptime_percent: round(99.5 + random() * 0.5, 2),
    },
    usage: {
      bandwidth_bytes: bandwidth,
      build_minutes: round((seconds / 86_400) * (5 + random() * 30)),
      function_invocations: Math.floor(requests * (0.3 + random() * 0.4)),
      storage_bytes: Math.floor(2 ** 30 * (1 + random() * 4)),
    },
    breakdown: [
      { environment, region: primary, requests: requestsA, errors: errorsA, bandwidth_bytes: bytesA },
      { environment, region: secondary, requests: requestsB, errors: errorsB, bandwidth_bytes: bytesB },
    ],
  };
}

/** getProjectMetrics: 200 metrics, or 404 for an unknown project or another tenant's project. */
export async function getProjectMetrics(call: ApiCall): Promise<Reply> {
  const projectId = call.params.projectId ?? '';
  const project = await call.rt.store.project(call.identity.tenantId, projectId);
  if (!project) return problem(call.ctx, 404, `No project ${projectId} is visible to this identity.`);
  return json(200, projectMetrics(project.id, project.environment, String(call.query.window ?? '24h'), call.rt.now()));
}
