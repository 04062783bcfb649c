/** Test support: what every rendered operation page of any document must show. */
import { escapeUTF8 as escapeHtml } from 'entities/escape';
import { expect } from 'vitest';

import type { Operation } from '@/lib/openapi';

/** No operation page of any document may render to more than this many characters of markup. */
export const MAX_PAGE_BYTES = 3_000_000;

/**
 * Asserts that `html`, the page of `operation`, shows its method and path, a section per response status,
 * the request body when there is one, that its element ids are unique, and that every circular reference's link
 * (back to the field or block it repeats) and every field's copy link lands on an element of the page.
 */
export function expectPageOf(operation: Operation, html: string): void {
  expect(html).toContain(`>${operation.method}</span>`);
  expect(html).toContain(`break-all">${escapeHtml(operation.path)}</code>`);
  for (const status of Object.keys(operation.responses)) expect(html).toContain(` id="response-${escapeHtml(status)}"`);
  if (operation.requestBody) expect(html).toContain(' id="request-body"');
  const idList = [...html.matchAll(/ id="([^"]+)"/g)].map((match) => match[1]);
  const ids = new Set(idList);
  expect(idList.length - ids.size, `repeated ids on ${operation.operationId}`).toBe(0);
  const links = [
    ...html.matchAll(/<a href="#([^"]+)" class="underline"><span class="ref-type">/g),
    ...html.matchAll(/<a href="#([^"]+)" data-copy-link=""/g),
  ];
  for (const [, target] of links) expect(ids, `link to #${target} on ${operation.operationId}`).toContain(target);
  expect(html.length).toBeLessThan(MAX_PAGE_BYTES);
}
