import { describe, expect, it } from 'vitest';

import { consoleData } from './data';
import { buildRequest, initialValues, missingParams, paramKey, valuesFromUrl } from './request';

const data = consoleData();
const op = (id: string) => {
  const found = data.operations.find((o) => o.operationId === id);
  if (!found) throw new Error(`no ${id}`);
  return found;
};
const context = {
  baseUrl: 'http://localhost:3140/sandbox',
  environmentHeader: data.environmentHeader,
  environment: 'staging',
  authorization: 'Bearer atx_secret',
};

describe('request building from the document', () => {
  it('prefills query parameters from the document and leaves optional headers empty', () => {
    const values = initialValues(op('listProjects'));
    expect(values.params['query:page']).toBe('1');
    expect(values.params['query:limit']).toBe('25');
    expect(values.params['header:X-Request-ID']).toBe('');
    expect(Object.keys(values.params)).not.toContain('header:AeThex-Environment');
  });

  it('builds the URL, environment header and Authorization for listProjects', () => {
    const built = buildRequest(op('listProjects'), initialValues(op('listProjects')), context);
    expect(built.url).toBe('http://localhost:3140/sandbox/v1/projects?page=1&limit=25');
    expect(built.path).toBe('/v1/projects');
    expect(built.query).toEqual([
      ['page', '1'],
      ['limit', '25'],
    ]);
    expect(built.headers['AeThex-Environment']).toBe('staging');
    expect(built.headers.Authorization).toBe('Bearer atx_secret');
    expect(built.body).toBeUndefined();
  });

  it('fills and encodes path parameters and flags missing required ones', () => {
    const metrics = op('getProjectMetrics');
    const values = initialValues(metrics);
    expect(buildRequest(metrics, values, context).path).toBe('/v1/projects/prj_8fK2mQ9xLp4Rt7Vb/metrics');
    const odd = { ...values, params: { ...values.params, 'path:projectId': 'a/b c' } };
    expect(buildRequest(metrics, odd, context).path).toBe('/v1/projects/a%2Fb%20c/metrics');
    expect(missingParams(metrics, { ...values, params: { ...values.params, 'path:projectId': ' ' } })).toEqual([
      'projectId',
    ]);
  });

  it('sends the JSON example body with Content-Type and the Idempotency-Key header', () => {
    const create = op('createProject');
    const key = create.parameters.find((p) => p.role === 'idempotency-key');
    expect(key?.name).toBe('Idempotency-Key');
    const values = initialValues(create);
    const withKey = { ...values, params: { ...values.params, [paramKey(key!)]: '"k-1"' } };
    const built = buildRequest(create, withKey, context);
    expect(built.method).toBe('POST');
    expect(JSON.parse(built.body ?? '')).toEqual({ name: 'storefront' });
    expect(built.headers['Content-Type']).toBe('application/json');
    expect(built.headers['Idempotency-Key']).toBe('"k-1"');
  });

  it('form-encodes the token endpoint body', () => {
    const token = op('createToken');
    expect(token.auth).toBe('client-basic');
    const built = buildRequest(token, initialValues(token), { ...context, authorization: undefined });
    expect(built.headers['Content-Type']).toBe('application/x-www-form-urlencoded');
    expect(built.body).toBe('grant_type=client_credentials&scope=projects%3Aread+deployments%3Awrite');
    expect(built.headers.Authorization).toBeUndefined();
  });

  it('takes page and limit over from a Link target', () => {
    const list = op('listProjects');
    const next = valuesFromUrl(list, initialValues(list), 'http://localhost/sandbox/v1/projects?page=2&limit=10');
    expect(buildRequest(list, next, context).url).toBe('http://localhost:3140/sandbox/v1/projects?page=2&limit=10');
  });
});

describe('console data', () => {
  it('carries scopes, environments, errors, events and OAuth paths from the document', () => {
    expect(data.scopes.map((s) => s.name)).toContain('projects:write');
    expect(data.environments.values).toEqual(['production', 'staging', 'development']);
    expect(data.errors.find((e) => e.status === 429)?.label).toBe('Too Many Requests');
    expect(data.events.map((e) => e.event)).toContain('member.invited');
    expect(data.oauthPaths).toEqual({ token: '/v1/auth/token', authorize: '/oauth/authorize' });
    expect(data.servers).toEqual({ production: 'https://api.aethex.dev', sandbox: '/sandbox' });
    expect(op('createProject').scopes).toEqual(['projects:write']);
  });
});
