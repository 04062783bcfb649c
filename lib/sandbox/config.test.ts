import { describe, expect, it } from 'vitest';

import { apiModel, buildApiModel } from '@/lib/openapi';

import { allowedRequestHeaders } from './config';

describe('request headers', () => {
  it("are the operations' header parameters, without the webhook deliveries' headers", () => {
    const names = apiModel().requestHeaders.map((parameter) => parameter.name.toLowerCase());
    expect(names.sort()).toEqual(['aethex-environment', 'idempotency-key', 'x-request-id']);
  });

  it('are deduplicated by case-insensitive name, first occurrence first', () => {
    const header = (name: string) => ({ name, in: 'header', schema: { type: 'string' } });
    const model = buildApiModel({
      openapi: '3.1.0',
      info: { title: 'Headers', version: '1' },
      paths: {
        '/a': { get: { parameters: [header('X-Trace'), header('X-Only-A')], responses: { '204': {} } } },
        '/b': { get: { parameters: [header('x-trace')], responses: { '204': {} } } },
      },
      components: { parameters: { Unused: header('X-Unused') } },
    });
    expect(model.requestHeaders.map((parameter) => parameter.name)).toEqual(['X-Trace', 'X-Only-A']);
  });

  it('make up the CORS allow-list, with Authorization and Content-Type', () => {
    expect(allowedRequestHeaders().split(', ').sort()).toEqual([
      'aethex-environment',
      'authorization',
      'content-type',
      'idempotency-key',
      'x-request-id',
    ]);
  });
});
