/**
 * `npm run bench`: builds the portal into .next-bench, serves it on BENCH_PORT (3200), and prints per route the
 * first-visit JavaScript and Lighthouse mobile scores, then the console under a 5 MB response (./console.ts), search, the large-description render, the sandbox against
 * Prism (./sandbox.ts: Prism, standalone on SQLite, standalone on PostgreSQL, mounted in this `next start`, one at a
 * time), webhook delivery (./webhooks.ts: emit → receiver latency, throughput, through sandbox:listen) and the soak
 * of two standalone sandboxes on one PostgreSQL database (./soak.ts). Not part of `npm test`.
 * Exits 1 when a sandbox, webhook or console goal or a soak assertion fails.
 * Flags: --skip-build (reuse .next-bench), --no-lighthouse, --pages-only, --routes=/a,/b, --runs=N (median of N
 * Lighthouse runs), --sandbox-only (only the sandbox table), --console-only (only the console table),
 * --webhooks-only (only the webhook table; builds and starts no portal), --mcp-only (only the MCP table, ./mcp.ts), after `--` (`npm run bench -- --runs=3`) or
 * before it (`npm run bench --runs=3`, which npm passes on as `npm_config_runs`; see ./flags.ts).
 * BENCH_DIST_DIR overrides the dist folder (e.g. a build of your own).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { allPageHrefs } from '../../lib/navigation';
import { benchConsole, consoleGoalsMet, formatConsole } from './console';
import { readBenchFlags } from './flags';
import { formatLargeDocument, LARGE_DOC_HEADER, type LargeDocBench } from './large-doc';
import { benchMcp, formatMcpRows, mcpGoalsMet } from './mcp';
import { benchPages } from './pages';
import { benchSandbox, formatSandboxRows, sandboxGoalsMet } from './sandbox';
import { benchSearch } from './search';
import { startPortal } from './server';
import { benchSoak, formatSoak } from './soak';
import { formatWebhookRows, WEBHOOK_BENCH_TITLE, webhookGoalsMet } from './webhook-rows';
import { benchWebhooks } from './webhooks';

const distDir = process.env.BENCH_DIST_DIR ?? '.next-bench';

const {
  skipBuild,
  lighthouse,
  pagesOnly,
  sandboxOnly,
  consoleOnly,
  webhooksOnly,
  mcpOnly,
  routes: routeList,
  runs,
} = readBenchFlags(process.argv.slice(2), process.env);
const port = Number(process.env.BENCH_PORT ?? 3200);

async function main() {
  // The webhook benchmark needs no portal: it runs a standalone sandbox of its own.
  if (webhooksOnly) return webhooksTable();
  const portal = await startPortal({ port, distDir, skipBuild });
  try {
    if (sandboxOnly) {
      await sandboxTable(portal.baseUrl);
      return;
    }
    if (consoleOnly) {
      await consoleTable(portal.baseUrl);
      return;
    }
    if (mcpOnly) {
      await mcpTable(portal.baseUrl);
      return;
    }
    const candidates = routeList ?? benchRoutes();
    const routes: string[] = [];
    for (const route of candidates) {
      const res = await fetch(portal.baseUrl + route);
      if (res.ok) routes.push(route);
      else console.warn(`skipping ${route}: HTTP ${res.status}`);
    }
    const rows = await benchPages(portal.baseUrl, routes, { lighthouse, runs });
    console.log(`\n## Pages (first visit, Lighthouse mobile${runs > 1 ? `, median of ${runs} runs` : ''})\n`);
    console.log('| route | static | JS files | JS bytes | JS gzip | perf | a11y | best | SEO |');
    console.log('|---|---|---|---|---|---|---|---|---|');
    for (const r of rows) {
      console.log(
        `| ${r.route} | ${isPrerendered(r.route) ? 'yes' : 'no'} | ${r.jsFiles} | ${kb(r.jsBytes)} | ${kb(r.jsGzipBytes)} | ${r.performance} | ${r.accessibility} | ${r.bestPractices} | ${r.seo} |`,
      );
    }
    if (!pagesOnly) {
      await consoleTable(portal.baseUrl);
      const search = await benchSearch({ distDir });
      console.log('\n## Search (MiniSearch, per keystroke)\n');
      console.log('| index bytes | index gzip | keystrokes | median ms | p95 ms |\n|---|---|---|---|---|');
      console.log(
        `| ${search.indexBytes} | ${search.indexBytesGzip} | ${search.queries} | ${search.medianMs.toFixed(3)} | ${search.p95Ms.toFixed(3)} |`,
      );
      console.log('\n## Reference pages of a large public description (every operation, React production build)\n');
      const largeDoc = execFileSync('npx', ['tsx', 'scripts/bench/large-doc.ts'], {
        env: { ...process.env, NODE_ENV: 'production' },
        encoding: 'utf8',
      });
      console.log(`${LARGE_DOC_HEADER}\n${formatLargeDocument(JSON.parse(largeDoc) as LargeDocBench)}`);
      await sandboxTable(portal.baseUrl);
      await mcpTable(portal.baseUrl);
      await webhooksTable();
      console.log(
        '\n## Sandbox soak (two standalone instances on one PostgreSQL database, mixed reads/creates/tokens over 5 tenants; BENCH_SOAK_SECONDS)\n',
      );
      const soak = await benchSoak();
      console.log(formatSoak(soak));
      if (!soak.ok) process.exitCode = 1;
    }
  } finally {
    portal.stop();
  }
}

/** Prints the sandbox table (./sandbox.ts) against the portal's mount; a missed goal makes the exit code 1. */
async function sandboxTable(portalUrl: string): Promise<void> {
  console.log(
    '\n## Sandbox against Prism (GET /v1/projects?limit=25, autocannon 10 connections × 10 s after a 5 s warm-up, one target at a time)\n',
  );
  const rows = await benchSandbox({ portalUrl });
  console.log(formatSandboxRows(rows));
  if (!sandboxGoalsMet(rows)) process.exitCode = 1;
}

/** Prints the MCP table (./mcp.ts); a missed goal makes the exit code 1. */
async function mcpTable(portalUrl: string): Promise<void> {
  console.log(
    '\n## MCP endpoint (SDK Client over Streamable HTTP, 200 sequential calls per tool after 20 warm-up calls)\n',
  );
  const rows = await benchMcp(portalUrl);
  console.log(formatMcpRows(rows));
  if (!mcpGoalsMet(rows)) process.exitCode = 1;
}

/** Prints the webhook delivery table (./webhooks.ts); a missed goal or any failed delivery makes the exit code 1. */
async function webhooksTable(): Promise<void> {
  console.log(`\n## ${WEBHOOK_BENCH_TITLE}\n`);
  const rows = await benchWebhooks();
  console.log(formatWebhookRows(rows));
  if (!webhookGoalsMet(rows)) process.exitCode = 1;
}

/** Prints the console table (./console.ts); a missed target makes the exit code 1. */
async function consoleTable(portalUrl: string): Promise<void> {
  console.log('\n## Console with a 5 MB JSON response (custom target, Chromium, median of 3 runs)\n');
  const figures = await benchConsole(portalUrl);
  console.log(formatConsole(figures));
  if (!consoleGoalsMet(figures)) process.exitCode = 1;
}

/** Every page of the site: home, each guide, the reference overview, each operation, errors, each webhook event, console, explorer. */
function benchRoutes(): string[] {
  return allPageHrefs();
}

/** Whether `next build` prerendered the route to static HTML (○ in its route table). */
function isPrerendered(route: string): boolean {
  return existsSync(join(distDir, 'server', 'app', `${route === '/' ? 'index' : route.slice(1)}.html`));
}

function kb(bytes: number) {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
