/**
 * Renders the reference page of every operation of ANY OpenAPI 3.0/3.1 document with the component the site's
 * operation pages use (components/reference/operation-view.tsx) and react-dom/server's static prerender, as
 * `next build` does. Shared by the renderer tests (render-any-document.test.ts, render-large-document.test.ts) and
 * the benchmark (scripts/bench/large-doc.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import { createElement } from 'react';
import { renderToReadableStream } from 'react-dom/server';

import { OperationView } from '@/components/reference/operation-view';
import { buildApiModel, type Operation } from '@/lib/openapi';

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
 * code samples (lib/snippets makes those for the AeThex document only). The operations come from the API model
 * (`buildApiModel` with `inlineSchemas: false`: schemas stay `$ref`s, resolved as the page needs them).
 * @param visit called with each page's complete HTML; its own time is not counted in `renderMs`
 * @returns totals; `renderMs` is the sum of the pages' render times
 * @throws whatever a page throws while rendering (a broken page must fail the caller)
 */
export async function renderDocumentPages(
  root: Record<string, unknown>,
  visit: (operation: Operation, html: string) => void = () => {},
): Promise<PagesRun> {
  const model = buildApiModel(root, { inlineSchemas: false });
  const operations = [...model.operations, ...model.webhooks.map((webhook) => webhook.operation)];
  const resolve = model.resolveRef;
  const run: PagesRun = { pages: 0, bytes: 0, maxBytes: 0, renderMs: 0 };
  for (const operation of operations) {
    const started = performance.now();
    const stream = await renderToReadableStream(
      createElement(OperationView, { operation, resolve, samples: null, menu: null }),
      {
        onError: (error: unknown) => {
          throw error;
        },
      },
    );
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
