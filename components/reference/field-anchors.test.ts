import { escapeUTF8 as escapeHtml } from 'entities/escape';
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';

import { listOperations, listWebhooks, type MediaTypeObject, type Operation } from '@/lib/openapi';
import { renderStatic } from '@/lib/reference/render-static.test-support';
import { findRepeats } from '@/lib/reference/response-groups';
import { describeSchema, type SchemaNode } from '@/lib/reference/schema';
import { fieldAnchor, headerAnchor, parameterAnchors, type FieldLocation } from '@/lib/urls';

import { OperationView } from './operation-view';
import { WebhookView } from './webhook-view';

/** Every property path of a schema, array items adding no segment (as lib/urls.ts `fieldAnchor` documents). */
function paths(node: SchemaNode, prefix = ''): string[] {
  const own = node.properties.flatMap((property) => {
    const path = prefix ? `${prefix}.${property.name}` : property.name;
    return [path, ...paths(property.node, path)];
  });
  return [...own, ...(node.items ? paths(node.items, prefix) : [])];
}

/** The anchor ids the fields of the first body schema shown must have. */
function schemaIds(content: Readonly<Record<string, MediaTypeObject>>, location: FieldLocation, shownElsewhere = {}) {
  const shown = Object.entries(content).find(
    ([mediaType, media]) => media.schema && !(mediaType in shownElsewhere),
  )?.[1];
  return shown ? paths(describeSchema(shown.schema)).map((path) => fieldAnchor(location, path)) : [];
}

/**
 * Every field anchor an operation's page must carry, from the model alone: its parameters, request body and the
 * responses shown in full (the errors' compact list, OperationErrors, has no field anchors yet).
 */
function expectedIds(operation: Operation): string[] {
  const errors = new Set(operation.errors.map((error) => String(error.status)));
  const responses = Object.entries(operation.responses).filter(([status]) => !errors.has(status));
  const repeats = findRepeats(Object.fromEntries(responses));
  return [
    ...parameterAnchors(operation.parameters),
    ...schemaIds(operation.requestBody?.content ?? {}, { in: 'body' }),
    ...responses.flatMap(([status, response]) => [
      ...(repeats[status]?.headersAs === undefined
        ? Object.keys(response.headers).map((name) => headerAnchor(status, name))
        : []),
      ...schemaIds(response.content, { in: 'response', status }, repeats[status]?.schemaAs),
    ]),
  ];
}

/** The ids of a page and the targets of its copy-link controls. */
function anchorsOf(html: string) {
  const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((match) => match[1]);
  const links = [...html.matchAll(/<a href="#([^"]+)" data-copy-link="" aria-label="Copy link to [^"]+"/g)];
  return { ids, linked: new Set(links.map((match) => match[1])) };
}

describe('field anchors on the operation pages of the AeThex document', () => {
  for (const operation of listOperations()) {
    it(`gives every parameter, header and field of ${operation.operationId} a unique id and a copy link`, async () => {
      const html = await renderStatic(createElement(OperationView, { operation, samples: null }));
      const { ids, linked } = anchorsOf(html);
      expect(new Set(ids).size, 'ids are unique').toBe(ids.length);
      const expected = expectedIds(operation).map((id) => escapeHtml(id));
      expect(expected.length).toBeGreaterThan(0);
      for (const id of expected) {
        expect(ids, `${operation.operationId}: #${id}`).toContain(id);
        expect(linked, `${operation.operationId}: copy link to #${id}`).toContain(id);
      }
      expect([...linked].sort(), 'no copy link without its field').toEqual([...new Set(expected)].sort());
    });
  }

  it('names the anchors by location, lowercased header and dotted path', async () => {
    const operation = listOperations().find((candidate) => candidate.operationId === 'listProjects');
    if (!operation) throw new Error('listProjects is in the document');
    const { ids } = anchorsOf(await renderStatic(createElement(OperationView, { operation, samples: null })));
    for (const id of ['param-limit', 'param-x-request-id', 'response-200-id', 'response-200-header-x-request-id'])
      expect(ids).toContain(id);
  });

  it('folds nested fields into closed <details> and keeps the top level open', async () => {
    const operation = listOperations().find((candidate) => candidate.operationId === 'getProjectMetrics');
    if (!operation) throw new Error('getProjectMetrics is in the document');
    const html = await renderStatic(createElement(OperationView, { operation, samples: null }));
    const nested = [...html.matchAll(/<details([^>]*)><summary>([^<]*)<\/summary>/g)];
    expect(nested.map((match) => match[2])).toContain('3 fields');
    for (const [, attributes] of nested) expect(attributes).toBe(' class="ref-nested"');
    const runtime = html.indexOf('id="response-200-runtime"');
    expect(runtime).toBeGreaterThan(0);
    expect(html.indexOf('id="response-200-runtime.latency_ms.p95"')).toBeGreaterThan(runtime);
    expect(html).toContain('id="response-200-breakdown.region"');
  });
});

describe('field anchors on the webhook event pages', () => {
  for (const webhook of listWebhooks()) {
    it(`gives every header and payload field of ${webhook.event} a unique id and a copy link`, async () => {
      const html = await renderStatic(createElement(WebhookView, { webhook }));
      const { ids, linked } = anchorsOf(html);
      expect(new Set(ids).size, 'ids are unique').toBe(ids.length);
      const expected = [
        ...parameterAnchors(webhook.headers),
        ...paths(describeSchema(webhook.payloadSchema)).map((path) => fieldAnchor({ in: 'body' }, path)),
      ];
      for (const id of expected) expect(linked, `${webhook.event}: #${id}`).toContain(id);
      expect(ids).toEqual(expect.arrayContaining(expected));
    });
  }
});
