import { Validator } from '@seriousme/openapi-schema-validator';
import addFormats from 'ajv-formats';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';

import {
  apiModel,
  getError,
  getOperation,
  listErrors,
  listOperations,
  listScopes,
  listServers,
  listWebhooks,
  servedDocument,
  servedDocumentYaml,
  type MediaTypeObject,
  type SchemaObject,
} from '.';
import { DOCUMENT_PATH, getDocument } from './document';
import { followRef, lookupPointer } from './resolve';

const RATE_LIMIT_HEADERS = ['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset'];

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);

/** Validates every named example of a media type against its schema; returns the failures. */
function invalidExamples(label: string, media: MediaTypeObject): string[] {
  if (!media.schema) return [`${label}: no schema`];
  const validate = ajv.compile(media.schema as SchemaObject);
  return Object.entries(media.examples ?? {})
    .filter(([, example]) => !validate(example.value))
    .map(([name]) => `${label} example ${name}: ${ajv.errorsText(validate.errors)}`);
}

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document, as stored and as served', async () => {
    for (const spec of [DOCUMENT_PATH, servedDocument(), YAML.parse(servedDocumentYaml())]) {
      const result = await new Validator().validate(spec);
      expect(result.errors).toBeUndefined();
      expect(result.valid).toBe(true);
    }
    expect(getDocument().openapi).toBe('3.1.0');
  });

  it('has the five operations (and room for more) with unique operationIds, summaries and descriptions', () => {
    const ids = listOperations().map((op) => `${op.method} ${op.path} ${op.operationId}`);
    // A superset check: a new operation is one edit of the document, not of this test.
    expect(ids).toEqual(
      expect.arrayContaining([
        'POST /v1/auth/token createToken',
        'GET /v1/projects listProjects',
        'POST /v1/projects createProject',
        'GET /v1/projects/{projectId}/metrics getProjectMetrics',
        'POST /v1/webhooks/verify verifyWebhook',
      ]),
    );
    expect(new Set(listOperations().map((op) => op.operationId)).size).toBe(ids.length);
    for (const op of listOperations()) {
      expect(op.summary, op.operationId).not.toBe('');
      expect(op.description.split('\n\n').length, `${op.operationId} description paragraphs`).toBeGreaterThan(1);
      expect(op.security.length, `${op.operationId} security`).toBeGreaterThan(0);
    }
  });

  it('gives every response of every operation X-Request-ID, rate-limit headers and valid named examples', () => {
    const problems: string[] = [];
    for (const op of listOperations()) {
      for (const [status, response] of Object.entries(op.responses)) {
        const label = `${op.operationId} ${status}`;
        for (const name of ['X-Request-ID', ...RATE_LIMIT_HEADERS]) {
          if (response.headers[name]?.required !== true) problems.push(`${label}: ${name} not required`);
        }
        if (['429', '503'].includes(status) && !response.headers['Retry-After'])
          problems.push(`${label}: no Retry-After`);
        if (['401', '403'].includes(status) && !response.headers['WWW-Authenticate'])
          problems.push(`${label}: no WWW-Authenticate`);
        for (const [name, header] of Object.entries(response.headers)) {
          if (header.example !== undefined && !ajv.validate(header.schema, header.example))
            problems.push(`${label}: ${name} example`);
        }
        const media = Object.entries(response.content);
        if (media.length === 0) problems.push(`${label}: no content`);
        for (const [type, content] of media) {
          if (Object.keys(content.examples ?? {}).length === 0) problems.push(`${label} ${type}: no examples`);
          problems.push(...invalidExamples(`${label} ${type}`, content));
        }
      }
      for (const parameter of op.parameters) {
        if (!ajv.validate(parameter.schema, parameter.example))
          problems.push(`${op.operationId}: ${parameter.name} example`);
      }
      for (const [type, content] of Object.entries(op.requestBody?.content ?? {})) {
        problems.push(...invalidExamples(`${op.operationId} request ${type}`, content));
      }
    }
    expect(problems).toEqual([]);
  });

  it('lists in x-aethex-errors every error status an operation can return, and titles problems with its label', () => {
    const table = new Map(listErrors().map((entry) => [entry.status, entry]));
    expect([...table.keys()]).toEqual([400, 401, 403, 404, 405, 409, 413, 415, 422, 429, 503]);
    for (const op of listOperations()) {
      for (const status of op.errorStatuses) expect(table.has(status), `${op.operationId} ${status}`).toBe(true);
    }
    const responses = lookupPointer(getDocument(), '#/components/responses') as Record<string, unknown>;
    const examples = Object.values(responses).flatMap((raw) => {
      const media = (followRef(getDocument(), raw) as { content?: Record<string, MediaTypeObject> }).content?.[
        'application/problem+json'
      ];
      return Object.values(media?.examples ?? {}).map((example) => example.value as Record<string, unknown>);
    });
    const statusesWithProblem = new Set(examples.map((problem) => problem.status));
    for (const entry of listErrors()) {
      expect(statusesWithProblem.has(entry.status), `problem example for ${entry.status}`).toBe(true);
      expect(entry.when.length, `${entry.status} when`).toBeGreaterThan(20);
      expect(entry.retryable).toBe(entry.status === 409 || entry.status === 429 || entry.status === 503);
    }
    for (const problem of examples) {
      expect(problem.type).toBe(`https://docs.aethex.dev/reference/errors#${String(problem.status)}`);
      expect(problem.title).toBe(getError(problem.status as number)?.label);
    }
  });

  it('keeps the seed error table verbatim and says how to back off', () => {
    expect(getError(401)).toMatchObject({
      label: 'Unauthorized',
      hint: 'Verify the Bearer token and ensure it has not expired.',
    });
    expect(getError(403)?.hint).toBe('The identity lacks the required scope. Request the project-admin role.');
    expect(getError(429)?.hint).toBe('Respect the rate limit headers or enable adaptive backoff via the SDK.');
    expect(getError(503)?.hint).toBe(
      'Retry with exponential backoff. AeThex dashboards surface ongoing maintenance windows.',
    );
    for (const status of [429, 503])
      expect(getError(status)?.action).toMatch(/Retry-After.*exponential backoff and jitter/);
    expect(getError(418)).toBeUndefined();
  });

  it('describes the four webhook events with signature headers and valid example payloads', () => {
    const webhooks = listWebhooks();
    expect(webhooks.map((w) => `${w.event} ${w.operationId}`)).toEqual([
      'deployment.succeeded deploymentSucceeded',
      'deployment.failed deploymentFailed',
      'incident.opened incidentOpened',
      'member.invited memberInvited',
    ]);
    for (const webhook of webhooks) {
      expect(webhook.headers.map((h) => h.name)).toEqual(['webhook-id', 'webhook-timestamp', 'webhook-signature']);
      const validate = ajv.compile(webhook.payloadSchema);
      expect(validate(webhook.example), `${webhook.event}: ${ajv.errorsText(validate.errors)}`).toBe(true);
      expect((webhook.example as { type: string }).type).toBe(webhook.event);
      expect(validate({ ...(webhook.example as object), type: 'other.event' }), `${webhook.event} type const`).toBe(
        false,
      );
    }
  });
});

describe('accessors', () => {
  it('return the scopes, security and statuses the document declares', () => {
    const scopes = listScopes();
    expect(scopes.map((s) => s.name)).toEqual([
      'projects:read',
      'projects:write',
      'metrics:read',
      'deployments:read',
      'deployments:write',
      'webhooks:read',
    ]);
    for (const scope of scopes) expect(scope.description).toMatch(/\.$/);
    expect(getOperation('listProjects')?.scopes).toEqual(['projects:read']);
    expect(getOperation('createProject')?.scopes).toEqual(['projects:write']);
    expect(getOperation('getProjectMetrics')?.scopes).toEqual(['metrics:read']);
    expect(getOperation('verifyWebhook')?.scopes).toEqual(['webhooks:read']);
    expect(getOperation('createToken')?.security).toEqual([{ clientBasic: [] }, {}]);
    expect(getOperation('createProject')?.errorStatuses).toEqual([400, 401, 403, 409, 413, 415, 422, 429, 503]);
    const known = new Set(scopes.map((s) => s.name));
    for (const op of listOperations()) for (const scope of op.scopes) expect(known.has(scope)).toBe(true);
    expect(getOperation('nope')).toBeUndefined();
  });

  it('resolve parameters, request bodies and response headers', () => {
    const list = getOperation('listProjects');
    expect(list?.parameters.map((p) => `${p.in}:${p.name}`)).toEqual([
      'query:page',
      'query:limit',
      'header:AeThex-Environment',
      'header:X-Request-ID',
    ]);
    expect(list?.parameters[1]?.schema).toMatchObject({ minimum: 1, maximum: 100, default: 25 });
    expect(Object.keys(list?.responses['200']?.headers ?? {})).toEqual(
      expect.arrayContaining(['Link', 'X-Total-Count']),
    );
    const create = getOperation('createProject');
    // An RFC 8941 sf-string holding 1–255 characters (the preferred form, and the example is one), or the same key
    // bare: 1–255 printable ASCII characters without space, ", comma, ; or \.
    const idempotencyKey = create?.parameters.find((p) => p.name === 'Idempotency-Key');
    expect(idempotencyKey?.schema).toMatchObject({ type: 'string', minLength: 1, maxLength: 512 });
    const keyPattern = new RegExp((idempotencyKey?.schema as { pattern: string }).pattern, 'u');
    expect(keyPattern.test(String(idempotencyKey?.example))).toBe(true);
    expect(String(idempotencyKey?.example)).toMatch(/^".*"$/);
    for (const value of ['"k"', String.raw`"a\"b\\c"`, `"${'k'.repeat(255)}"`, '" a b "'])
      expect(keyPattern.test(value), value).toBe(true);
    for (const value of ['k', '8e03978e-40d5-43e8-bc93-6894a57f9324', 'k'.repeat(255), "!#$%&'()*+-./:<=>?@[]^_`{|}~"])
      expect(keyPattern.test(value), value).toBe(true);
    for (const value of ['', '""', `"${'k'.repeat(256)}"`, '"k";p=1', String.raw`"a\nb"`, '"a"b"', '"a", "b"'])
      expect(keyPattern.test(value), value).toBe(false);
    for (const value of ['k'.repeat(256), 'a b', 'a"b', 'a,b', 'k;p=1', String.raw`a\b`, 'caf\xe9', 'tab\tkey'])
      expect(keyPattern.test(value), value).toBe(false);
    expect(create?.requestBody?.content['application/json']?.schema).toMatchObject({
      required: ['name'],
      additionalProperties: false,
    });
    expect(create?.responses['201']?.headers['Idempotent-Replayed']?.required).toBe(false);
    expect(create?.responses['201']?.headers.Location?.required).toBe(true);
    const token = getOperation('createToken');
    expect(Object.keys(token?.requestBody?.content ?? {})).toEqual(['application/x-www-form-urlencoded']);
    expect(token?.responses['400']?.content['application/json']?.schema).toMatchObject({ required: ['error'] });
    expect(JSON.stringify(listOperations())).not.toContain('$ref');
  });

  it('expose environments, servers, references and a mutable served copy', () => {
    expect(apiModel().environment).toEqual({
      header: 'AeThex-Environment',
      values: ['production', 'staging', 'development'],
      default: 'production',
    });
    expect(listServers()).toEqual([
      { url: 'https://api.aethex.dev', description: 'Production', kind: 'production' },
      { url: '/sandbox', description: 'Sandbox (built into this portal)', kind: 'sandbox' },
    ]);
    expect(apiModel().oauth).toMatchObject({
      tokenPath: '/v1/auth/token',
      authorizationPath: '/oauth/authorize',
      flows: ['clientCredentials', 'authorizationCode'],
    });
    const document = getDocument();
    expect((lookupPointer(document, '#/components/parameters/IdempotencyKey') as { name: string }).name).toBe(
      'Idempotency-Key',
    );
    expect(() => lookupPointer(document, '#/components/schemas/Nope')).toThrow(/Unresolvable/);
    expect(() => lookupPointer(document, 'other.yaml#/x')).toThrow(/local/);
    expect(followRef(document, { $ref: '#/components/schemas/Region' })).toMatchObject({
      enum: ['us-east-1', 'eu-west-1', 'ap-southeast-1'],
    });
    expect(followRef(document, { plain: 1 })).toEqual({ plain: 1 });
    expect(Object.isFrozen(getDocument())).toBe(true);
    expect(() => ((getDocument() as Record<string, unknown>).openapi = '3.0.0')).toThrow(TypeError);
    const served = servedDocument();
    served['x-codeSamples'] = [];
    expect(getDocument()['x-codeSamples']).toBeUndefined();
    expect(YAML.parse(servedDocumentYaml())).toEqual(servedDocument());
  });
});
