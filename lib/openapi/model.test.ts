import { describe, expect, it } from 'vitest';

import { apiModel, buildApiModel, getOperation, navTitleFromSummary } from '.';

describe('the AeThex model', () => {
  it('decides each operation’s credential once: HTTP Basic client authentication for the token endpoint only', () => {
    for (const operation of apiModel().operations)
      expect([operation.operationId, operation.credential]).toEqual([
        operation.operationId,
        operation.operationId === 'createToken' ? 'client-basic' : 'bearer',
      ]);
  });

  it('reads pagination, idempotency, nav titles and the joined error table from the document', () => {
    expect(getOperation('listProjects')?.pagination).toEqual({
      pageParameter: 'page',
      cursor: false,
      limitParameter: 'limit',
      linkHeader: true,
      totalCountHeader: 'X-Total-Count',
    });
    expect(getOperation('createProject')?.pagination).toBeUndefined();
    expect(getOperation('createProject')?.idempotency).toEqual({ header: 'Idempotency-Key', required: false });
    expect(getOperation('listProjects')?.idempotency).toBeUndefined();
    expect(getOperation('listProjects')?.navTitle).toBe('List projects');
    const tooMany = getOperation('listProjects')?.errors.find((error) => error.status === 429);
    expect(tooMany?.error?.label).toBe('Too Many Requests');
    expect(tooMany?.response.headers['Retry-After']).toBeDefined();
  });

  it('locates the OAuth 2 scheme and its endpoints once', () => {
    expect(apiModel().oauth).toMatchObject({
      schemeName: 'oauth2',
      tokenUrl: 'https://api.aethex.dev/v1/auth/token',
      authorizationUrl: 'https://api.aethex.dev/oauth/authorize',
    });
    expect(apiModel().environment?.header).toBe('AeThex-Environment');
    expect(apiModel().webhookSigning?.toleranceSeconds).toBe(300);
    expect(Object.isFrozen(apiModel().operations[0])).toBe(true);
  });
});

describe('buildApiModel on a foreign document', () => {
  const document = {
    openapi: '3.0.3',
    info: { title: 'Pets', version: '1' },
    security: [{ key: [] }],
    components: {
      securitySchemes: {
        key: { type: 'apiKey', in: 'header', name: 'X-Key' },
        basic: { type: 'http', scheme: 'Basic' },
      },
      parameters: { Cursor: { name: 'cursor', in: 'query', schema: { type: 'string' } } },
      schemas: {
        Pet: { type: 'object', properties: { id: { type: 'string' }, parent: { $ref: '#/components/schemas/Pet' } } },
      },
    },
    paths: {
      '/pets': {
        get: {
          summary: 'List all pets of the store',
          parameters: [{ $ref: '#/components/parameters/Cursor' }, { $ref: '#/components/parameters/Missing' }],
          responses: {
            '200': {
              description: 'ok',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } },
            },
          },
        },
        post: { operationId: 'addPet', security: [{ basic: [] }], responses: { '404': { description: 'no' } } },
      },
    },
  };

  it('keeps schemas as $refs when asked, resolves them on demand, and never throws on a dangling reference', () => {
    const model = buildApiModel(document, { inlineSchemas: false });
    const [list, add] = model.operations;
    expect(list).toMatchObject({
      operationId: 'get /pets',
      method: 'GET',
      navTitle: 'List all pets',
      credential: 'none',
    });
    expect(list?.pagination).toMatchObject({ pageParameter: 'cursor', cursor: true, linkHeader: false });
    expect(list?.responses['200']?.content['application/json']?.schema).toEqual({ $ref: '#/components/schemas/Pet' });
    expect(model.resolveRef('#/components/schemas/Pet')).toMatchObject({ type: 'object' });
    expect(model.resolveRef('#/nowhere')).toBeUndefined();
    expect(add).toMatchObject({ credential: 'client-basic', errorStatuses: [404], errors: [{ status: 404 }] });
    expect(model.oauth).toBeUndefined();
    expect(model.securitySchemes.map((scheme) => scheme.kind)).toEqual(['apiKey', 'basic']);
  });

  it('inlines schemas by default, cutting cycles with a $ref', () => {
    const model = buildApiModel({ ...document, paths: { '/pets': { post: document.paths['/pets'].post } } });
    expect(model.schema('Pet')?.properties?.parent).toMatchObject({
      type: 'object',
      properties: { parent: { $ref: '#/components/schemas/Pet' } },
    });
  });

  it('derives a short title from the summary', () => {
    expect(navTitleFromSummary('Exchange client credentials for an access token')).toBe('Exchange client credentials');
    expect(navTitleFromSummary('Ping')).toBe('Ping');
  });
});
