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

  it("leaves out optional headers (the first 201 of createProject is no replay) and other operations' examples", () => {
    const create = responseExamples(getOperation('createProject')!);
    expect(create[0]?.headers.map(([name]) => name)).not.toContain('Idempotent-Replayed');
    const metrics = responseExamples(getOperation('getProjectMetrics')!);
    expect(metrics.filter((example) => example.status === '403').map((example) => example.label)).toEqual([
      'The token lacks metrics:read',
    ]);
    expect(metrics.filter((example) => example.status === '400').map((example) => example.label)).toEqual([
      'A window outside the list',
    ]);
  });

  it('keeps a status without examples, labelled by its description; leaves out headers without examples and optional ones', () => {
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
                  'X-Quiet': { required: true, schema: { type: 'string' } },
                  'X-Count': { required: true, schema: { type: 'integer', default: 0 } },
                  'X-Maybe': { example: 'only sometimes', schema: { type: 'string' } },
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
