/**
 * The webhook benchmark's rows (./webhooks.ts measures them): their shape, goals, percentile and Markdown table.
 */
/** What a row must reach besides zero failures: a p99 latency bound or a delivery rate. */
export interface WebhookGoal {
  maxP99Ms?: number;
  minPerSecond?: number;
}

/** One measured scenario; latency in milliseconds. */
export interface WebhookBenchRow {
  scenario: string;
  /** Deliveries expected (one per emit). */
  deliveries: number;
  p50Ms?: number;
  p99Ms?: number;
  /** Seconds from the first emit until the last delivery arrived (throughput row). */
  seconds?: number;
  perSecond?: number;
  /** Deliveries that failed verification or never arrived, emits not answered 2xx, forwards listen reported failed. */
  failures: number;
  goal: WebhookGoal;
}

/** The section's title, as `npm run bench` prints it. */
export const WEBHOOK_BENCH_TITLE =
  'Webhook delivery (standalone sandbox on SQLite, a receiver on 127.0.0.1 verifying each delivery with standardwebhooks)';

/**
 * The value below which `p` % of the values lie (nearest rank).
 * @param values a non-empty list, any order
 * @param p 0–100
 */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** Whether a row reached its goal: zero failures, p99 at or under its bound, the rate at or over its minimum. */
export function meetsWebhookGoal(row: WebhookBenchRow): boolean {
  const { maxP99Ms, minPerSecond } = row.goal;
  return (
    row.failures === 0 &&
    (maxP99Ms === undefined || (row.p99Ms ?? Infinity) <= maxP99Ms) &&
    (minPerSecond === undefined || (row.perSecond ?? 0) >= minPerSecond)
  );
}

/** Whether every row reached its goal. */
export function webhookGoalsMet(rows: readonly WebhookBenchRow[]): boolean {
  return rows.every(meetsWebhookGoal);
}

function describeGoal({ maxP99Ms, minPerSecond }: WebhookGoal): string {
  const bounds = [
    ...(maxP99Ms === undefined ? [] : [`p99 ≤ ${maxP99Ms} ms`]),
    ...(minPerSecond === undefined ? [] : [`≥ ${minPerSecond} deliveries/s`]),
  ];
  return [...bounds, '0 failures'].join(', ');
}

/** The rows as a Markdown table: figures (— where a row has none), goal, PASS or FAIL. */
export function formatWebhookRows(rows: readonly WebhookBenchRow[]): string {
  const show = (value: number | undefined) => (value === undefined ? '—' : String(value));
  const lines = [
    '| scenario | deliveries | p50 ms | p99 ms | all arrived in s | deliveries/s | failures | goal | result |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const row of rows) {
    lines.push(
      `| ${row.scenario} | ${row.deliveries} | ${show(row.p50Ms)} | ${show(row.p99Ms)} | ${show(row.seconds)} | ${show(row.perSecond)} | ${row.failures} | ${describeGoal(row.goal)} | ${meetsWebhookGoal(row) ? 'PASS' : 'FAIL'} |`,
    );
  }
  return lines.join('\n');
}
