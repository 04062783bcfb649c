import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

import { buildApiModel, getError } from '@/lib/openapi';

import { OperationErrors } from './operation-errors';

/** A small document that is not AeThex's: one operation returning 404, with and without its own error table. */
function foreignOperation(errorTable?: unknown[]) {
  const model = buildApiModel({
    openapi: '3.1.0',
    info: { title: 'Pets', version: '1' },
    ...(errorTable ? { 'x-aethex-errors': errorTable } : {}),
    paths: {
      '/pets/{id}': {
        get: {
          operationId: 'getPet',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'The pet' }, '404': { description: 'No such pet' } },
        },
      },
    },
  });
  const operation = model.operations[0];
  if (!operation) throw new Error('the document has one operation');
  return operation;
}

describe('OperationErrors', () => {
  it("shows a foreign document's 404 without the AeThex error table's label and hint", () => {
    const aethex404 = getError(404);
    expect(aethex404?.hint).toBeTruthy();
    const html = renderToStaticMarkup(createElement(OperationErrors, { errors: foreignOperation().errors }));
    expect(html).toContain('404');
    expect(html).toContain('href="/reference/errors#404"');
    expect(html).not.toContain(aethex404?.hint);
    expect(html).not.toContain(aethex404?.label);
  });

  it("shows the label and hint of the operation's own document's error table", () => {
    const row = { status: 404, label: 'No pet', hint: 'Check the pet ID.', when: '', action: '', retryable: false };
    const html = renderToStaticMarkup(createElement(OperationErrors, { errors: foreignOperation([row]).errors }));
    expect(html).toContain('404 No pet');
    expect(html).toContain('Check the pet ID.');
  });
});
