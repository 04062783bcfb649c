import { describe, expect, it } from 'vitest';

import {
  apiModel,
  buildApiModel,
  exampleValue,
  firstExample,
  followRefChain,
  getOperation,
  navTitleFromSummary,
  type ParameterObject,
} from '.';

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
      tokenPath: '/v1/auth/token',
      authorizationPath: '/oauth/authorize',
    });
    expect(apiModel().servers.map((server) => server.kind)).toEqual(['production', 'sandbox']);
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

  it('lists the root tags in document order, skipping nameless ones', () => {
    const model = buildApiModel({
      tags: [{ name: 'Store', description: 'Orders.' }, { description: 'nameless' }, { name: 'Pets' }, 'Users'],
    });
    expect(model.tags).toEqual([
      { name: 'Store', description: 'Orders.' },
      { name: 'Pets', description: '' },
    ]);
    expect(buildApiModel(document, { inlineSchemas: false }).tags).toEqual([]);
    expect(apiModel().tags.map((tag) => tag.name)).toEqual(['Authentication', 'Projects', 'Metrics', 'Webhooks']);
  });

  it('derives a short title from the summary', () => {
    expect(navTitleFromSummary('Exchange client credentials for an access token')).toBe('Exchange client credentials');
    expect(navTitleFromSummary('Ping')).toBe('Ping');
  });

  it('merges parameters case-insensitively by name for headers only, and titles an unnamed operation', () => {
    const model = buildApiModel({
      paths: {
        '/x': {
          parameters: [
            { name: 'id', in: 'query', schema: {} },
            { name: 'x-trace', in: 'header', schema: {} },
          ],
          get: {
            parameters: [
              { name: 'ID', in: 'query', schema: {} },
              { name: 'X-Trace', in: 'header', schema: {} },
            ],
            responses: {},
          },
        },
      },
    });
    const [operation] = model.operations;
    expect(operation?.parameters.map((parameter) => parameter.name)).toEqual(['id', 'X-Trace', 'ID']);
    expect(operation?.navTitle).toBe('get /x');
  });

  it('computes a parameter example and a media type example by one rule each', () => {
    const parameter = (schema: object, example?: unknown) =>
      ({ name: 'p', in: 'query', schema, ...(example === undefined ? {} : { example }) }) as ParameterObject;
    expect(exampleValue(parameter({ default: 2, examples: [3] }, 1))).toBe(1);
    expect(exampleValue(parameter({ default: 2, examples: [3] }))).toBe(2);
    expect(exampleValue(parameter({ examples: [3] }))).toBe(3);
    expect(exampleValue(parameter({}))).toBeUndefined();
    const resolve = (ref: string) => (ref === '#/e' ? { value: 'named' } : undefined);
    expect(firstExample({ examples: { a: { $ref: '#/e' } as never } }, resolve)).toBe('named');
    expect(firstExample({ examples: { a: { $ref: '#/e' } as never }, example: 'single' })).toBe('single');
    expect(firstExample({ schema: { examples: ['from schema'] } })).toBe('from schema');
  });

  it('follows a whole $ref chain, laying siblings over the target and stopping at cycles', () => {
    const targets: Record<string, unknown> = {
      '#/a': { $ref: '#/b', description: 'inner' },
      '#/b': { type: 'string', description: 'target' },
      '#/loop': { $ref: '#/loop' },
    };
    const resolve = (ref: string) => targets[ref];
    expect(followRefChain({ $ref: '#/a', description: 'outer' }, resolve)).toEqual({
      value: { type: 'string', description: 'outer' },
      refs: ['#/a', '#/b'],
    });
    expect(followRefChain({ $ref: '#/loop' }, resolve).stoppedAt).toBe('#/loop');
    expect(followRefChain({ $ref: '#/gone' }, resolve).stoppedAt).toBe('#/gone');
    expect(followRefChain({ $ref: '#/a' }, resolve, (ref) => ref === '#/b')).toMatchObject({ stoppedAt: '#/b' });
  });
});
