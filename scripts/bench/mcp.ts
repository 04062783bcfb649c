/**
 * The MCP endpoint's latency (`npm run bench -- --mcp-only`, and part of the full run): the SDK's own Client over
 * Streamable HTTP against the portal's `next start`, 200 sequential calls each of search_docs (varied queries) and
 * read_page (varied pages) after a warm-up; p50/p99 per tool. Goal: p99 ≤ 50 ms, no tool error.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

import { allPageHrefs } from '../../lib/navigation';
import { percentile } from './webhook-rows';

/** One measured tool. */
export interface McpBenchRow {
  tool: string;
  calls: number;
  p50Ms: number;
  p99Ms: number;
  /** Calls answered with a tool error or a protocol error. */
  failures: number;
}

/** p99 bound of every row, in milliseconds. */
export const MCP_P99_GOAL_MS = 50;

const CALLS = 200;
const WARM_UP = 20;
const QUERIES = [
  'rate limit',
  'pagination',
  'webhook signature',
  '429',
  'create project',
  'idempotency key',
  'access token',
  'metrics',
  'deployment.failed',
  'retry after',
  'client credentials',
  'auto_deploy',
  'errors',
  'sandbox',
  'scopes',
  'region',
];

async function timed(calls: number, run: (i: number) => Promise<boolean>): Promise<{ ms: number[]; failures: number }> {
  const ms: number[] = [];
  let failures = 0;
  for (let i = 0; i < calls; i++) {
    const start = performance.now();
    const ok = await run(i).catch(() => false);
    ms.push(performance.now() - start);
    if (!ok) failures += 1;
  }
  return { ms, failures };
}

/**
 * Measures search_docs and read_page on a running portal.
 * @param portalUrl e.g. `http://localhost:3200`
 * @returns one row per tool
 */
export async function benchMcp(portalUrl: string): Promise<McpBenchRow[]> {
  const client = new Client({ name: 'bench', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL('/mcp', portalUrl)));
  const pages = allPageHrefs();
  const tools: [string, (i: number) => Record<string, unknown>][] = [
    ['search_docs', (i) => ({ query: QUERIES[i % QUERIES.length] })],
    ['read_page', (i) => ({ path: pages[i % pages.length] })],
  ];
  const rows: McpBenchRow[] = [];
  try {
    for (const [tool, args] of tools) {
      const run = async (i: number) => !(await client.callTool({ name: tool, arguments: args(i) })).isError;
      await timed(WARM_UP, run);
      const { ms, failures } = await timed(CALLS, run);
      rows.push({ tool, calls: CALLS, p50Ms: percentile(ms, 50), p99Ms: percentile(ms, 99), failures });
    }
  } finally {
    await client.close();
  }
  return rows;
}

/** Whether every row met the goal: p99 ≤ MCP_P99_GOAL_MS and no failure. */
export function mcpGoalsMet(rows: readonly McpBenchRow[]): boolean {
  return rows.every((row) => row.failures === 0 && row.p99Ms <= MCP_P99_GOAL_MS);
}

/** The rows as a Markdown table. */
export function formatMcpRows(rows: readonly McpBenchRow[]): string {
  const lines = rows.map(
    (row) =>
      `| ${row.tool} | ${row.calls} | ${row.p50Ms.toFixed(1)} | ${row.p99Ms.toFixed(1)} | ${row.failures} | p99 ≤ ${MCP_P99_GOAL_MS} ms, 0 failures: ${row.failures === 0 && row.p99Ms <= MCP_P99_GOAL_MS ? 'met' : 'MISSED'} |`,
  );
  return ['| tool | calls | p50 ms | p99 ms | failures | goal |', '|---|---|---|---|---|---|', ...lines].join('\n');
}
