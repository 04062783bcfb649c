/** Test support: what every rendered operation page of any document must show. */
import { escapeUTF8 as escapeHtml } from 'entities/escape';
import { expect } from 'vitest';

import type { Operation } from '@/lib/openapi';

/** No operation page of any document may render to more than this many characters of markup. */
export const MAX_PAGE_BYTES = 3_000_000;

/**
 * Asserts that `html`, the page of `operation`, shows its method and path, a section per response status,
 * the request body when there is one, and that every circular reference's link (`#schema-…`, back to the
 * schema block it repeats) lands on an element of the page.
 */
export function expectPageOf(operation: Operation, html: string): void {
  expect(html).toContain(`>${operation.method}</span>`);
  expect(html).toContain(`break-all">${escapeHtml(operation.path)}</code>`);
  for (const status of Object.keys(operation.responses)) expect(html).toContain(` id="response-${escapeHtml(status)}"`);
  if (operation.requestBody) expect(html).toContain(' id="request-body"');
  const ids = new Set([...html.matchAll(/ id="([^"]+)"/g)].map((match) => match[1]));
  for (const [, target] of html.matchAll(/ href="#(schema-[^"]+)"/g))
    expect(ids, `link to #${target} on ${operation.operationId}`).toContain(target);
  expect(html.length).toBeLessThan(MAX_PAGE_BYTES);
}
