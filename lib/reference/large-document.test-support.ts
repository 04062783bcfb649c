/**
 * Test support: a synthetic OpenAPI 3.1 document of `schemaCount` component schemas and
 * `2 × pathCount` operations (GET and POST per path), built to stress the schema renderer the way a large public description
 * does: long `$ref` chains (deep nesting), back-references and self-references (cycles), `allOf`
 * inheritance, `oneOf` with null, arrays of references, maps, enums and constraints.
 */

/** Builds the document (deterministic: same counts, same document). */
export function largeDocument(schemaCount = 3200, pathCount = 200): Record<string, unknown> {
  const ref = (i: number) => ({ $ref: `#/components/schemas/Schema${((i % schemaCount) + schemaCount) % schemaCount}` });
  const schemas: Record<string, unknown> = {
    Base: { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^[a-z0-9_]+$', readOnly: true }, created: { type: 'string', format: 'date-time' } } },
  };
  for (let i = 0; i < schemaCount; i += 1) {
    schemas[`Schema${i}`] = {
      description: `Schema number ${i}, with **Markdown** and \`code\`.`,
      allOf: [
        { $ref: '#/components/schemas/Base' },
        {
          type: 'object',
          required: ['name'],
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 64, examples: [`name-${i}`] },
            status: { type: 'string', enum: ['active', 'paused', 'archived'], default: 'active' },
            score: { type: ['number', 'null'], minimum: 0, exclusiveMaximum: 100 },
            child: ref(i + 1),
            parent: ref(i - 1),
            self: ref(i),
            related: { type: 'array', maxItems: 10, items: ref(i * 7) },
            variant: { oneOf: [ref(i * 13), { type: 'integer', format: 'int64' }, { type: 'null' }] },
            labels: { type: 'object', additionalProperties: ref(i * 3) },
          },
        },
      ],
    };
  }
  const paths: Record<string, unknown> = {};
  for (let i = 0; i < pathCount; i += 1) {
    paths[`/v1/things${i}/{id}`] = {
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      get: {
        operationId: `getThing${i}`,
        parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 25 } }],
        responses: {
          '200': { description: 'OK', headers: { 'X-Total': { schema: { type: 'integer' } } }, content: { 'application/json': { schema: { type: 'array', items: ref(i * 5) } } } },
          default: { description: 'Error', content: { 'application/json': { schema: ref(i * 11) } } },
        },
      },
      post: { operationId: `putThing${i}`, requestBody: { content: { 'application/json': { schema: ref(i * 5 + 1) } } }, responses: { '201': { description: 'Created' } } },
    };
  }
  return { openapi: '3.1.0', info: { title: 'Large synthetic API', version: '1.0.0' }, paths, components: { schemas } };
}
