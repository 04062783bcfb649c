/**
 * Large-description benchmark for `npm run bench` (and the renderer test lib/reference/render-large-document.test.ts):
 * renders the reference page of EVERY operation of GitHub's REST description (@octokit/openapi, OpenAPI 3.0,
 * ~1,200 operations, ~1,000 component schemas) through lib/reference/render-document.ts.
 * Run alone (`NODE_ENV=production tsx scripts/bench/large-doc.ts`) it prints its figures as one JSON line.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import { countSchemas } from '../../lib/openapi';
import {
  LARGE_DESCRIPTION,
  loadLargeDescription,
  renderDocumentPages,
  type PagesRun,
} from '../../lib/reference/render-document';

/** Figures of the benchmark: the description's size and the render totals. */
export type LargeDocBench = PagesRun & {
  description: string;
  version: string;
  componentSchemas: number;
  totalSchemas: number;
  loadMs: number;
};

/**
 * Loads and renders the large description.
 * @returns page count, schema counts, load and render time in milliseconds, markup bytes
 */
export async function benchLargeDocument(): Promise<LargeDocBench> {
  const started = performance.now();
  const root = loadLargeDescription();
  const loadMs = performance.now() - started;
  const schemas = countSchemas(root);
  const run = await renderDocumentPages(root);
  const info = root.info as { title?: string; version?: string } | undefined;
  return {
    description: `${info?.title ?? LARGE_DESCRIPTION} (${String(root.openapi)})`,
    version: info?.version ?? '',
    componentSchemas: schemas.components,
    totalSchemas: schemas.total,
    loadMs,
    ...run,
  };
}

/** The header of {@link formatLargeDocument}'s table. */
export const LARGE_DOC_HEADER =
  '| description | pages | schemas (components / all) | render | per page | markup |\n|---|---|---|---|---|---|';

/** The figures as a Markdown table row under {@link LARGE_DOC_HEADER}: seconds, milliseconds per page, megabytes. */
export function formatLargeDocument(bench: LargeDocBench): string {
  const perPage = bench.renderMs / Math.max(1, bench.pages);
  return `| ${bench.description} ${bench.version} | ${bench.pages} | ${bench.componentSchemas} / ${bench.totalSchemas} | ${(bench.renderMs / 1000).toFixed(1)} s | ${perPage.toFixed(1)} ms | ${(bench.bytes / 1e6).toFixed(1)} MB |`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve('scripts/bench/large-doc.ts')) {
  benchLargeDocument()
    .then((bench) => console.log(JSON.stringify(bench)))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
