import { describe, expect, it } from 'vitest';

import { listOperations } from '@/lib/openapi';

import { contractViolations } from './contract';
import { HANDLED_OPERATIONS, type Sandbox } from './handler';
import { matchRoute, routedOperationIds, routes, sandboxOnlyRoutes } from './router';
import { send, testSandbox } from './test-helpers';

describe('H. contract', () => {
  it('27. every document operation has a handler and a route; the router answers no undocumented API route', () => {
    const documented = listOperations()
      .map((operation) => operation.operationId)
      .sort();
    expect([...HANDLED_OPERATIONS].sort()).toEqual(documented);
    expect(routedOperationIds().sort()).toEqual(documented);
    for (const operation of listOperations()) {
      const path = operation.path.replace(/\{[^}]+\}/g, 'prj_0000000000000000');
      expect(matchRoute(operation.method, path)).toMatchObject({
        kind: 'route',
        route: { key: operation.operationId, documented: true },
      });
    }
    // Anything routable that is not in the document is a sandbox-only endpoint (listed in the README).
    for (const { key, method, path } of sandboxOnlyRoutes())
      expect(matchRoute(method, path)).toMatchObject({ kind: 'route', route: { key, documented: false } });
    expect(routes().filter((route) => !route.documented)).toHaveLength(sandboxOnlyRoutes().length);
    for (const path of ['/v1', '/v1/projects/x', '/v1/projects/prj_0000000000000000', '/v1/auth', '/v1/webhooks']) {
      expect(matchRoute('GET', path).kind).toBe('not-found');
    }
  });

  it("27. the routing table takes each operation's body kind and access from the document", () => {
    for (const operation of listOperations()) {
      const route = routes().find((candidate) => candidate.key === operation.operationId)!;
      const types = Object.keys(operation.requestBody?.content ?? {});
      expect(route.body).toBe(types.includes('application/json') ? 'json' : types.length > 0 ? 'form' : 'none');
      expect(route.access).toBe(operation.credential === 'bearer' ? 'bearer' : 'open');
    }
    expect(routes().find((route) => route.key === 'createToken')).toMatchObject({ body: 'form', access: 'open' });
    expect(routes().find((route) => route.key === 'createProject')).toMatchObject({ body: 'json', access: 'bearer' });
  });

  it('27. the contract checker catches responses that break the document', async () => {
    const sandbox = testSandbox();
    const good = await sandbox.handle(new Request('http://localhost:3000/sandbox/v1/projects'));
    const text = await good.text();
    expect(contractViolations('GET', '/v1/projects', 401, good.headers, text)).toEqual([]);
    expect(contractViolations('GET', '/v1/projects', 418, good.headers, text)).toContain(
      'status 418 is not documented for listProjects',
    );
    expect(
      contractViolations(
        'GET',
        '/v1/projects',
        401,
        good.headers,
        text.replace('"status":401', '"status":"401"'),
      ).join(),
    ).toMatch(/status/);
    const noId = new Headers(good.headers);
    noId.delete('x-request-id');
    expect(contractViolations('GET', '/v1/projects', 401, noId, text)).toContain('X-Request-ID missing or unsafe');
    const noChallenge = new Headers(good.headers);
    noChallenge.delete('www-authenticate');
    expect(contractViolations('GET', '/v1/projects', 401, noChallenge, text)).toContain(
      'required header WWW-Authenticate missing',
    );
    const badBody = new Headers(good.headers);
    badBody.set('content-type', 'application/json');
    expect(contractViolations('GET', '/v1/projects', 200, badBody, '[{"id":1}]').join()).toMatch(/body/);
    expect(contractViolations('GET', '/v1/projects', 500, good.headers, text)).toContain(
      'status 500 must never be sent',
    );
    await sandbox.close();
  });

  it('27. send() fails a test whose sandbox answers against the document', async () => {
    const sandbox = testSandbox();
    const real = await send(sandbox, '/v1/projects');
    expect(real.status).toBe(401);
    // The same route answering an undocumented status must throw: every test using send() is a contract test.
    const teapot: Sandbox = {
      ...sandbox,
      handle: async () => new Response(await real.clone().text(), { status: 418, headers: real.headers }),
    };
    await expect(send(teapot, '/v1/projects')).rejects.toThrow(
      /GET \/v1\/projects → 418 violates the OpenAPI document:[^]*status 418 is not documented for listProjects/,
    );
    await sandbox.close();
  });
});
