import { describe, expect, it } from 'vitest';

import { countSchemas, HTTP_METHODS } from '@/lib/openapi';

import { expectPageOf, MAX_PAGE_BYTES } from './page-checks.test-support';
import { loadLargeDescription, renderDocumentPages } from './render-document';

/**
 * Bound on rendering every page (1,223), generous for a loaded 2-core CI machine: measured here under vitest
 * 11.5 s alone and 22 s beside the other reference test files, i.e. ~3× (`npm run bench` reports the time
 * with React's production build, as `next build` renders: ~10-15 s).
 */
const BUDGET_MS = 60_000;

describe('a large public description: GitHub REST (@octokit/openapi api.github.com.json)', () => {
  it(
    `renders the page of every operation within ${BUDGET_MS / 1000} s`,
    async () => {
      const root = loadLargeDescription();
      const methods = Object.values(root.paths as Record<string, Record<string, unknown>>).flatMap((item) =>
        Object.keys(item).filter((key) => (HTTP_METHODS as readonly string[]).includes(key)),
      );
      const schemas = countSchemas(root);
      expect(schemas.components).toBeGreaterThan(900);
      expect(schemas.total).toBeGreaterThan(10_000);
      const seen = new Set<string>();
      const run = await renderDocumentPages(root, (operation, html) => {
        seen.add(`${operation.method} ${operation.path}`);
        expectPageOf(operation, html);
      });
      console.info(
        `GitHub REST ${String((root.info as { version?: string }).version)}: ${schemas.components} component schemas (${schemas.total} in all), ${run.pages} pages in ${Math.round(run.renderMs)} ms, ${(run.bytes / 1e6).toFixed(1)} MB markup, largest ${(run.maxBytes / 1e6).toFixed(2)} MB`,
      );
      expect(methods.length).toBeGreaterThan(1000);
      expect(run.pages).toBe(methods.length);
      expect(seen.size).toBe(methods.length);
      expect(run.maxBytes).toBeLessThan(MAX_PAGE_BYTES);
      expect(run.renderMs).toBeLessThan(BUDGET_MS);
    },
    BUDGET_MS + 60_000,
  );
});
