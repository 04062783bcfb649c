import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { HeadersTable } from '@/components/reference/headers-table';
import { ParametersTable } from '@/components/reference/parameters-table';
import { SchemaView } from '@/components/reference/schema-table';
import type { HeaderObject, ParameterObject } from '@/lib/openapi';
import { followRef, lookupPointer } from '@/lib/openapi/resolve';
import { largeDocument } from './large-document.test-support';
import { isRecord } from './schema-meta';
import type { RefResolver } from './schema';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
/** No operation of any document may render to more than this many bytes of markup. */
const MAX_OPERATION_BYTES = 3_000_000;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return files(full);
    return /\.(json|ya?ml)$/.test(name) ? [full] : [];
  });
}

/** Follows a (local) reference chain; anything unresolvable (external files, URLs) stays as it is. */
function safeFollow(root: unknown, value: unknown): unknown {
  try {
    return followRef(root, value);
  } catch {
    return value;
  }
}

function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

/** Renders every operation (and 3.1 webhook) of a document with the reference components; returns per-operation byte sizes. */
function renderDocument(root: Record<string, unknown>): number[] {
  const resolve: RefResolver = (ref) => {
    try {
      return lookupPointer(root, ref);
    } catch {
      return undefined;
    }
  };
  const sizes: number[] = [];
  const items = [...Object.values(record(root.paths)), ...Object.values(record(root.webhooks))];
  for (const rawItem of items) {
    const item = record(safeFollow(root, rawItem));
    for (const method of METHODS) {
      const operation = record(item[method]);
      if (!item[method]) continue;
      const parameters = [...(Array.isArray(item.parameters) ? item.parameters : []), ...(Array.isArray(operation.parameters) ? operation.parameters : [])]
        .map((parameter) => safeFollow(root, parameter))
        .filter((parameter): parameter is ParameterObject => isRecord(parameter) && typeof parameter.name === 'string');
      const parts: ReactElement[] = [createElement(ParametersTable, { parameters, resolve })];
      const body = record(safeFollow(root, operation.requestBody));
      for (const media of Object.values(record(body.content))) parts.push(createElement(SchemaView, { schema: record(media).schema, resolve }));
      for (const rawResponse of Object.values(record(operation.responses))) {
        const response = record(safeFollow(root, rawResponse));
        const headers = Object.entries(record(response.headers)).map(([name, header]) => [name, record(safeFollow(root, header)) as unknown as HeaderObject] as const);
        parts.push(createElement(HeadersTable, { headers, resolve }));
        for (const media of Object.values(record(response.content))) parts.push(createElement(SchemaView, { schema: record(media).schema, resolve }));
      }
      sizes.push(renderToStaticMarkup(createElement('div', null, ...parts)).length);
    }
  }
  return sizes;
}

describe('the schema renderer copes with any valid OpenAPI 3.0/3.1 document', () => {
  const root = path.join(process.cwd(), 'node_modules/@readme/oas-examples');
  const documents = ['3.0', '3.1'].flatMap((version) => files(path.join(root, version)));

  it('finds the @readme/oas-examples documents', () => {
    expect(documents.length).toBeGreaterThan(100);
  });

  for (const file of documents) {
    it(`renders every operation of ${path.relative(root, file)}`, () => {
      const document = YAML.parse(readFileSync(file, 'utf8'), { maxAliasCount: -1 }) as Record<string, unknown>;
      const sizes = renderDocument(document);
      for (const size of sizes) expect(size).toBeLessThan(MAX_OPERATION_BYTES);
    });
  }
});

describe('a large description (synthetic: 3,200 schemas with deep nesting and cycles, 400 operations)', () => {
  /**
   * Bound on the render time, generous for a loaded 2-core CI machine. Measured here: ~76 s under
   * vitest (React's development build) and ~18 s with the production build `next build` uses (44 ms per operation).
   */
  const BUDGET_MS = 240_000;

  it(`renders all its operations within ${BUDGET_MS / 1000} s and bounded markup`, () => {
    const document = largeDocument();
    const started = performance.now();
    const sizes = renderDocument(document);
    const elapsed = performance.now() - started;
    const total = sizes.reduce((sum, size) => sum + size, 0);
    console.info(`large document: ${Object.keys(record(record(document.components).schemas)).length} schemas, ${sizes.length} operations, ${Math.round(elapsed)} ms, ${(total / 1e6).toFixed(1)} MB markup`);
    expect(sizes).toHaveLength(400);
    expect(Math.max(...sizes)).toBeLessThan(MAX_OPERATION_BYTES);
    expect(elapsed).toBeLessThan(BUDGET_MS);
  }, 300_000);
});
