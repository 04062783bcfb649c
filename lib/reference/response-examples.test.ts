import { describe, expect, it } from 'vitest';

import { buildApiModel, getOperation } from '@/lib/openapi';

import { toJsonText } from './examples';
import { responseExamples } from './response-examples';

describe('responseExamples', () => {
  it('lists every status and named example of listProjects with the documented headers and bodies', () => {
    const operation = getOperation('listProjects')!;
    const examples = responseExamples(operation);
    expect(new Set(examples.map((example) => example.status))).toEqual(new Set(Object.keys(operation.responses)));
    const [first, second] = examples;
    expect(first).toMatchObject({ id: '200', status: '200', success: true, label: 'First page of projects' });
    expect(second).toMatchObject({ id: '200-pastTheEnd', label: 'A page past the end', body: '[]' });
    expect(first?.headers[0]).toEqual(['Content-Type', 'application/json']);
    const media = operation.responses['200']!.content['application/json']!;
    expect(first?.body).toBe(toJsonText((media.examples?.firstPage as { value: unknown }).value));
    const requestId = operation.responses['200']!.headers['X-Request-ID']!.example;
    expect(first?.headers).toContainEqual(['X-Request-ID', requestId]);
    expect(examples.find((example) => example.status === '429')).toMatchObject({
      success: false,
      mediaType: 'application/problem+json',
    });
  });

  it('keeps a status without examples, labelled by its description, and leaves headers without examples out', () => {
    const model = buildApiModel({
      openapi: '3.1.0',
      info: { title: 'Pets', version: '1' },
      paths: {
        '/pets': {
          get: {
            operationId: 'listPets',
            responses: {
              '204': {
                description: 'Nothing to list',
                headers: {
                  'X-Quiet': { schema: { type: 'string' } },
                  'X-Count': { schema: { type: 'integer', default: 0 } },
                },
              },
            },
          },
        },
      },
    });
    expect(responseExamples(model.operations[0]!)).toEqual([
      { id: '204', status: '204', success: true, label: 'Nothing to list', headers: [['X-Count', '0']] },
    ]);
  });
});
