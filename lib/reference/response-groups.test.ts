import { describe, expect, it } from 'vitest';

import { findRepeats, isSharedBody, sharedErrorBody } from './response-groups';

const problem = { type: 'object', properties: { title: { type: 'string' } } };
const requestId = { 'X-Request-ID': { schema: { type: 'string' } } };

describe('findRepeats', () => {
  it('points later responses at the first one with the same headers and schema', () => {
    const repeats = findRepeats({
      '200': { headers: requestId, content: { 'application/json': { schema: { type: 'array' } } } },
      '400': { headers: requestId, content: { 'application/problem+json': { schema: problem } } },
      '404': { headers: requestId, content: { 'application/problem+json': { schema: { ...problem } } } },
      '429': {
        headers: { ...requestId, 'Retry-After': { schema: { type: 'integer' } } },
        content: { 'application/problem+json': { schema: problem } },
      },
    });
    expect(repeats['200']).toEqual({ headersAs: undefined, schemaAs: {} });
    expect(repeats['400']).toEqual({ headersAs: '200', schemaAs: {} });
    expect(repeats['404']).toEqual({ headersAs: '200', schemaAs: { 'application/problem+json': '400' } });
    expect(repeats['429']).toEqual({ headersAs: undefined, schemaAs: { 'application/problem+json': '400' } });
  });

  it('compares schemas per media type and never dedupes empty headers or missing schemas', () => {
    const repeats = findRepeats({
      '200': { headers: {}, content: { 'application/json': { schema: problem }, 'text/plain': {} } },
      '201': { headers: {}, content: { 'application/xml': { schema: problem }, 'text/plain': {} } },
    });
    expect(repeats['201']).toEqual({ headersAs: undefined, schemaAs: {} });
  });

  it('leaves circular schemas alone instead of throwing', () => {
    const node: Record<string, unknown> = { type: 'object' };
    node.self = node;
    const repeats = findRepeats({
      '200': { headers: {}, content: { 'application/json': { schema: node } } },
      '201': { headers: {}, content: { 'application/json': { schema: node } } },
    });
    expect(repeats['201']?.schemaAs).toEqual({});
  });
});

describe('sharedErrorBody', () => {
  const other = { type: 'object', properties: { error: { type: 'string' } } };

  it('picks the body most errors share, and tells which responses use it', () => {
    const shared = sharedErrorBody([
      { 'application/json': { schema: other } },
      { 'application/problem+json': { schema: problem } },
      { 'application/problem+json': { schema: { ...problem } } },
    ]);
    expect(shared?.mediaType).toBe('application/problem+json');
    expect(shared?.schema).toEqual(problem);
    expect(isSharedBody(shared, 'application/problem+json', { schema: problem })).toBe(true);
    expect(isSharedBody(shared, 'application/json', { schema: problem })).toBe(false);
    expect(isSharedBody(shared, 'application/problem+json', { schema: other })).toBe(false);
  });

  it('finds nothing shared when no two errors have the same body', () => {
    expect(
      sharedErrorBody([{ 'application/json': { schema: other } }, { 'application/json': { schema: problem } }]),
    ).toBe(undefined);
    expect(isSharedBody(undefined, 'application/json', { schema: other })).toBe(false);
  });
});
