/**
 * Large-description benchmark for `npm run bench` (and the renderer test lib/reference/render-large-document.test.ts):
 * renders the reference page of EVERY operation of GitHub's REST description (@octokit/openapi, OpenAPI 3.0,
 * ~1,200 operations, ~1,000 component schemas) with the component the site's operation pages use
 * (components/reference/operation-view.tsx) and react-dom/server's static prerender, as `next build` does.
 * Run alone (`NODE_ENV=production tsx scripts/bench/large-doc.ts`) it prints its figures as one JSON line.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import { createElement } from 'react';
import { renderToReadableStream } from 'react-dom/server';

import { OperationView } from '../../components/reference/operation-view';
import type { Operation } from '../../lib/openapi';
import { countSchemas, documentOperations } from '../../lib/reference/any-document';

/** The description: GitHub's api.github.com, as published in the npm package @octokit/openapi (devDependency). */
export const LARGE_DESCRIPTION = 'node_modules/@octokit/openapi/generated/api.github.com.json';

/** Parses {@link LARGE_DESCRIPTION} (13 MB of JSON). @throws Error if the package is not installed */
export function loadLargeDescription(): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(process.cwd(), LARGE_DESCRIPTION), 'utf8')) as Record<string, unknown>;
}

/** Totals of one run: page count, markup in bytes (UTF-16 code units), time in milliseconds. */
export type PagesRun = { pages: number; bytes: number; maxBytes: number; renderMs: number };

/**
 * Renders the operation page of every operation (and 3.1 webhook) of `root`, one after another, without
 * code samples (lib/snippets makes those for the AeThex document only).
 * @param visit called with each page's complete HTML; its own time is not counted in `renderMs`
 * @returns totals; `renderMs` is the sum of the pages' render times
 * @throws whatever a page throws while rendering (a broken page must fail the caller)
 */
export async function renderDocumentPages(
  root: Record<string, unknown>,
  visit: (operation: Operation, html: string) => void = () => {},
): Promise<PagesRun> {
  const { operations, resolve } = documentOperations(root);
  const run: PagesRun = { pages: 0, bytes: 0, maxBytes: 0, renderMs: 0 };
  for (const operation of operations) {
    const started = performance.now();
    const stream = await renderToReadableStream(createElement(OperationView, { operation, resolve, samples: null }), {
      onError: (error: unknown) => {
        throw error;
      },
    });
    await stream.allReady;
    const html = await new Response(stream).text();
    run.renderMs += performance.now() - started;
    run.pages += 1;
    run.bytes += html.length;
    run.maxBytes = Math.max(run.maxBytes, html.length);
    visit(operation, html);
  }
  return run;
}

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
