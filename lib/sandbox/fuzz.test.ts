import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { listOperations, type Operation } from '@/lib/openapi';

import { LIMITS } from './config';
import type { Sandbox } from './handler';
import {
  accessToken,
  basic,
  bearer,
  createTestApp,
  countRows as rowsIn,
  send,
  testSandbox,
  type App,
} from './test-helpers';

/**
 * Property-based fuzz of every operation of the OpenAPI document. Each generated request carries
 * at least one real defect (bad credentials, a missing scope, an odd method, a bad environment, bad parameters,
 * bad JSON or wrong types, a wrong content type, an oversized body, Idempotency-Key abuse) plus hostile noise
 * (X-Request-ID injection, unicode and control characters, repeated parameters, unknown headers). Every answer must
 * be a 4xx the document lists for that operation (or 404/405 from routing), with an RFC 9457 problem body (OAuth
 * error JSON at the token endpoint), validated against the document by `send`; no request may leave a row behind.
 * In-process (no HTTP) so 1,000 requests per operation fit in CI time.
 */
const RUNS_PER_OPERATION = Number(process.env.FUZZ_RUNS ?? 1000);
const TABLES = [
  'tenants',
  'clients',
  'personal_access_tokens',
  'grants',
  'authorization_codes',
  'access_tokens',
  'refresh_tokens',
  'projects',
  'idempotency_keys',
  'deliveries',
] as const;
const MIB = LIMITS.maxBodyBytes;

let sandbox: Sandbox;
let clock = 1_800_000_000_000;
let full: App;
let narrow: App;
let token: string;
let countRows: () => Promise<string>;
let projectId: string;
const sent = new Map<string, number>();

beforeAll(async () => {
  // Keys are scoped to the client: 'fuzz-used' belongs to the personal access token, which the reuse case sends.
  // The clock moves 1 s per request so the shared anonymous window (100 per 60 s) never fills: a 429 would hide
  // what the fuzz is looking for. Tenants live long enough for the whole run.
  sandbox = testSandbox({ now: () => clock, tenantTtlSeconds: 10_000_000 });
  full = await createTestApp(sandbox);
  narrow = await createTestApp(sandbox, { scopes: ['deployments:read'] });
  token = await accessToken(sandbox, full);
  for (const app of [full, narrow]) {
    await send(sandbox, '/rate-limit', {
      method: 'PUT',
      headers: bearer(app.personal_access_token, { 'Content-Type': 'application/json' }),
      body: '{"limit":1000000,"window_seconds":60}',
    });
  }
  const created = await send(sandbox, '/v1/projects', {
    method: 'POST',
    headers: bearer(full.personal_access_token, {
      'Content-Type': 'application/json',
      'Idempotency-Key': '"fuzz-used"',
    }),
    body: '{"name":"kept"}',
  });
  projectId = ((await created.json()) as { id: string }).id;
  countRows = async () => (await Promise.all(TABLES.map((table) => rowsIn(sandbox, table)))).join(',');
});
afterAll(async () => {
  await sandbox.close();
  console.info(
    `fuzz: ${[...sent].map(([op, n]) => `${op} ${n}`).join(', ')} requests, all documented 4xx, no rows left behind`,
  );
});

/** A generated request relative to the sandbox mount. */
interface FuzzRequest {
  defect: string;
  method: string;
  path: string;
  query: string;
  headers: [string, string][];
  body?: string | Uint8Array;
}

// Header values must be ByteStrings without CR, LF or NUL (Fetch rejects them before any handler; node:http's
// parser rejects raw CRLF on the wire), so injection attempts are percent-encoded, Unicode-escaped or look-alikes.
const headerText = fc.string({
  unit: fc.integer({ min: 0x20, max: 0xff }).map((c) => String.fromCharCode(c)),
  maxLength: 80,
});
const hostileRequestId = fc.oneof(
  headerText,
  fc.constantFrom(
    'a%0d%0aSet-Cookie:x=1',
    'id\tinject',
    '<script>alert(1)</script>',
    '../../etc/passwd',
    'x'.repeat(129),
    "'; DROP TABLE projects;--",
    'é'.repeat(40),
    '${jndi:ldap://10.0.0.1/a}',
  ),
);
const unicode = fc.string({ unit: 'grapheme', maxLength: 40 });
const controlChars = fc.string({
  unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)),
  minLength: 1,
  maxLength: 20,
});
const weirdText = fc.oneof(
  unicode,
  controlChars,
  fc.constantFrom('\u0000', '\u202e', '\ud800', '\uffff', '🚀'.repeat(50), 'null', 'NaN', '-0', '1e309'),
);
const badEnvironment = fc.oneof(
  headerText.filter((v) => !['production', 'staging', 'development'].includes(v.trim())),
  fc.constantFrom('PRODUCTION', 'prod', 'production,staging', 'staging\u00a0', ' development\t'.repeat(3)),
);
const noise = fc.record({
  requestId: fc.option(hostileRequestId, { nil: undefined }),
  extra: fc.option(
    fc.tuple(
      fc.constantFrom(
        'X-Forwarded-Host',
        'X-Forwarded-Proto',
        'Forwarded',
        'X-Original-URL',
        'Cookie',
        'X-HTTP-Method-Override',
      ),
      headerText,
    ),
    { nil: undefined },
  ),
  repeatedQuery: fc.option(fc.webQueryParameters(), { nil: undefined }),
});

/** Huge strings around the 1 MiB body limit, built once. */
const near = 'n'.repeat(MIB - 64);
const over = 'o'.repeat(MIB + 1);
const hugeString = fc.constantFrom(near, over, 'x'.repeat(101), 'y'.repeat(10_000));

const badJson = fc.oneof(
  fc.constantFrom(
    '',
    '{',
    '{"name":',
    'null',
    '[]',
    '[1,2]',
    '"x"',
    '{"name":"a",}',
    "{'name':'a'}",
    '{"name":"\\ud800"}x',
    'NaN',
    '{"__proto__":{"x":1}}',
  ),
  fc.string({ maxLength: 60 }).filter((s) => {
    try {
      JSON.parse(s);
      return false;
    } catch {
      return true;
    }
  }),
  fc
    .uint8Array({ minLength: 1, maxLength: 64 })
    .map((bytes) => Uint8Array.from(bytes, (b) => (b < 0x80 ? b | 0x80 : b))),
);

/** Bodies that parse as JSON but break ProjectCreate: wrong types, missing name, unknown fields, too long. */
const badProject = fc.oneof(
  fc
    .record({ name: fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string()), fc.constant('')) })
    .map((b) => JSON.stringify(b)),
  fc.record({ description: fc.string() }).map((b) => JSON.stringify(b)),
  fc
    .tuple(
      weirdText,
      fc
        .string({ minLength: 1 })
        .filter((k) => !['name', 'description', 'region', 'default_branch', 'auto_deploy'].includes(k)),
    )
    .map(([name, key]) => JSON.stringify({ name: name || 'x', [key]: 1 })),
  fc
    .tuple(weirdText, fc.oneof(fc.constant('mars-1'), fc.integer(), weirdText))
    .map(([name, region]) => JSON.stringify({ name: name || 'x', region })),
  fc
    .tuple(weirdText, fc.oneof(fc.string(), fc.integer(), fc.constant(null)))
    .map(([name, autoDeploy]) => JSON.stringify({ name: name || 'x', auto_deploy: autoDeploy })),
  hugeString.map((s) => JSON.stringify({ name: s })),
  fc
    .constantFrom(near, over, 'y'.repeat(501), 'y'.repeat(10_000))
    .map((s) => JSON.stringify({ name: 'x', description: s })),
  fc
    .jsonValue()
    .filter((v) => v === null || typeof v !== 'object' || Array.isArray(v))
    .map((v) => JSON.stringify(v)),
);

/** Bodies that break WebhookVerifyRequest, or valid-shaped deliveries whose signature cannot match. */
const badVerify = fc.oneof(
  fc.record({ payload: fc.oneof(fc.integer(), fc.constant(null), fc.string()) }).map((b) => JSON.stringify(b)),
  fc.record({ headers: fc.dictionary(fc.string(), fc.string()) }).map((b) => JSON.stringify(b)),
  fc
    .record({
      payload: fc.oneof(weirdText, hugeString),
      headers: fc.record(
        {
          'webhook-id': weirdText,
          'webhook-timestamp': fc.oneof(
            weirdText,
            fc.integer().map(String),
            fc.constant(String(Math.floor(clock / 1000))),
          ),
          'webhook-signature': fc.oneof(weirdText, fc.constant('v1,AAAA'), fc.constant('v1,' + 'A'.repeat(44))),
        },
        { requiredKeys: [] },
      ),
    })
    .map((b) => JSON.stringify(b)),
);

/** Form bodies the token endpoint must refuse (400 OAuth error, or 401 invalid_client). */
const badTokenForm = fc.oneof(
  fc.constantFrom(
    '',
    'grant_type=password&username=a&password=b',
    'grant_type=implicit',
    'grant_type=client_credentials&grant_type=client_credentials',
    'grant_type=client_credentials&scope=root',
    'grant_type=authorization_code&code=ac_x&redirect_uri=http://127.0.0.1/cb&code_verifier=' + 'a'.repeat(43),
    'grant_type=refresh_token&refresh_token=rtx_unknown',
    'grant_type=authorization_code',
    'grant_type=refresh_token',
    'grant_type=%00',
    'grant_type=client_credentials&scope=projects:read%0d%0a',
  ),
  fc.webQueryParameters(),
  fc.tuple(weirdText, weirdText).map(([k, v]) =>
    new URLSearchParams([
      ['grant_type', k],
      [v, k],
    ]).toString(),
  ),
  hugeString.map((s) => `grant_type=client_credentials&scope=${s}`),
);

/** Methods no operation of the same path has (another operation's method would be a different, valid request). */
function oddMethod(operation: Operation): fc.Arbitrary<string> {
  const taken = new Set(
    listOperations()
      .filter((other) => other.path === operation.path)
      .map((other) => other.method as string),
  );
  if (taken.has('GET')) taken.add('HEAD');
  return fc.constantFrom(
    ...['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'PROPFIND', 'FOO'].filter((m) => !taken.has(m)),
  );
}

/** encodeURIComponent that percent-encodes a lone surrogate as its (invalid) UTF-8 bytes instead of throwing. */
function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
}

function concretePath(operation: Operation, id: string): string {
  return operation.path.replace('{projectId}', encode(id));
}

/** The generator of defective requests for one operation, each case naming its defect. */
function requestsFor(operation: Operation): fc.Arbitrary<FuzzRequest> {
  const method: string = operation.method;
  const isToken = operation.operationId === 'createToken';
  const hasJsonBody = Boolean(operation.requestBody?.content['application/json']);
  const hasQuery = operation.parameters.some((p) => p.in === 'query');
  const path = concretePath(operation, projectId);
  const validAuth: [string, string] = isToken
    ? ['Authorization', basic(full.client_id, full.client_secret)]
    : ['Authorization', `Bearer ${token}`];
  const jsonType: [string, string][] = hasJsonBody
    ? [['Content-Type', 'application/json']]
    : isToken
      ? [['Content-Type', 'application/x-www-form-urlencoded']]
      : [];
  const validBody = isToken
    ? 'grant_type=client_credentials'
    : operation.operationId === 'createProject'
      ? '{"name":"fuzz"}'
      : operation.operationId === 'verifyWebhook'
        ? '{"payload":"{}","headers":{"webhook-id":"msg_1","webhook-timestamp":"1","webhook-signature":"v1,x"}}'
        : undefined;
  const base = (defect: string, parts: Partial<FuzzRequest>): FuzzRequest => ({
    defect,
    method,
    path,
    query: '',
    headers: [validAuth, ...jsonType],
    ...(validBody !== undefined ? { body: validBody } : {}),
    ...parts,
  });
  const badAuthorization = fc.oneof(
    fc.constant(undefined),
    fc.constantFrom(
      'Bearer',
      'Bearer ',
      'Basic',
      'Basic !!!',
      `Bearer ${token}x`,
      `bearer  ${'a'.repeat(100_000)}`,
      `Token ${token}`,
      'Bearer pat_unknown',
      `Basic ${Buffer.from('cli_x:y').toString('base64')}`,
      `Basic ${Buffer.from(`${full.client_id}:wrong`).toString('base64')}`,
      `Bearer ${full.personal_access_token.slice(0, -1)}`,
    ),
    headerText.map((v) => `Bearer ${v}`),
  );
  const cases: fc.Arbitrary<FuzzRequest>[] = [
    badAuthorization.map((auth) =>
      base('credentials', {
        headers: [...(auth === undefined ? [] : [['Authorization', auth] as [string, string]]), ...jsonType],
      }),
    ),
    oddMethod(operation).map((m) => base('method', { method: m })),
  ];
  if (!isToken) {
    cases.push(
      fc.constant(
        base('scope', { headers: [['Authorization', `Bearer ${narrow.personal_access_token}`], ...jsonType] }),
      ),
    );
    cases.push(
      badEnvironment.map((env) =>
        base('environment', { headers: [validAuth, ...jsonType, ['AeThex-Environment', env]] }),
      ),
    );
    cases.push(fc.constant(base('token in query', { query: `?access_token=${token}`, headers: [...jsonType] })));
  }
  if (hasQuery) {
    const names = operation.parameters.filter((p) => p.in === 'query').map((p) => p.name);
    const badValue = fc.oneof(
      weirdText,
      fc.constantFrom('0', '-1', '1.5', '%FF', '', '9'.repeat(400), 'true', '[]', '1e1', '0x10', ' 5', '0b1', '2.0'),
      fc.integer({ max: 0 }).map(String),
    );
    cases.push(
      fc
        .tuple(fc.constantFrom(...names), badValue)
        .map(([name, value]) => base('query value', { query: `?${name}=${encode(value)}` })),
    );
    if (names.includes('limit'))
      cases.push(
        fc.constantFrom('101', '1e3', '100000').map((value) => base('query value', { query: `?limit=${value}` })),
      );
    cases.push(
      fc.tuple(fc.constantFrom(...names), fc.integer({ min: 2, max: 20 })).map(([name, times]) =>
        base('repeated parameter', {
          query: `?${Array.from({ length: times }, () => `${name}=${name === 'window' ? '1h' : '1'}`).join('&')}`,
        }),
      ),
    );
  }
  if (operation.operationId === 'getProjectMetrics') {
    cases.push(
      fc
        .oneof(
          weirdText.filter((s) => s.length > 0 && !s.includes('/')),
          fc.constant('prj_0000000000000000'),
          fc.constant('prj_' + 'A'.repeat(10_000)),
        )
        .map((id) => base('path parameter', { path: concretePath(operation, id) })),
    );
  }
  if (hasJsonBody) {
    cases.push(badJson.map((body) => base('bad JSON', { body })));
    cases.push(
      (operation.operationId === 'createProject' ? badProject : badVerify).map((body) => base('wrong types', { body })),
    );
    cases.push(
      fc
        .tuple(
          fc.constantFrom(
            'text/plain',
            'application/x-www-form-urlencoded',
            'multipart/form-data; boundary=x',
            'application/jsonx',
            'application/xml',
            'json',
          ),
          fc.constantFrom(validBody!, 'a=b'),
        )
        .map(([type, body]) => base('content type', { headers: [validAuth, ['Content-Type', type]], body })),
    );
    cases.push(fc.constant(base('no body', { body: undefined })));
  }
  if (operation.operationId === 'createProject') {
    cases.push(
      fc.oneof(weirdText, fc.constantFrom(near, over)).map((name) =>
        base('idempotency key reused with another body', {
          headers: [
            ['Authorization', `Bearer ${full.personal_access_token}`],
            ...jsonType,
            ['Idempotency-Key', '"fuzz-used"'],
          ],
          body: JSON.stringify({ name: `other ${name}`.slice(0, 100) }),
        }),
      ),
    );
    // Neither an RFC 8941 sf-string of 1–255 characters nor a bare key (1–255 printable ASCII without space, ", comma,
    // ; or \): empty, too long, a bare key needing quotes, unterminated, bad escape, parameters, a list.
    const badKeys = [
      '',
      'bare key',
      'bare,key',
      'bare;p=1',
      'k'.repeat(256),
      'k'.repeat(100_000),
      '""',
      `"${'k'.repeat(256)}"`,
      '"open',
      '"bad \\n escape"',
      '"k";p=1',
      '"a", "b"',
      '"a"b"',
    ];
    cases.push(
      fc
        .constantFrom(...badKeys)
        .map((key) => base('idempotency key invalid', { headers: [validAuth, ...jsonType, ['Idempotency-Key', key]] })),
    );
  }
  if (isToken) {
    cases.push(badTokenForm.map((body) => base('token form', { body })));
    cases.push(
      fc
        .constantFrom('application/json', 'text/plain', 'multipart/form-data', 'application/x-www-form-urlencodedx')
        .map((type) => base('content type', { headers: [validAuth, ['Content-Type', type]] })),
    );
    cases.push(
      fc.constant(base('credentials in query', { query: `?client_secret=${encodeURIComponent(full.client_secret)}` })),
    );
    cases.push(fc.constant(base('oversized', { body: `grant_type=client_credentials&scope=${over}` })));
  }
  return fc.tuple(fc.oneof(...cases), noise).map(([request, extra]) => {
    const headers = [...request.headers];
    if (extra.requestId !== undefined) headers.push(['X-Request-ID', extra.requestId]);
    if (extra.extra) headers.push(extra.extra);
    const query =
      extra.repeatedQuery && request.defect !== 'credentials in query'
        ? `${request.query || '?'}${request.query ? '&' : ''}${extra.repeatedQuery}`
        : request.query;
    return { ...request, headers, query };
  });
}

/** The 4xx statuses the document lists for an operation. */
function documented4xx(operation: Operation): Set<number> {
  return new Set(operation.errorStatuses.filter((status) => status < 500));
}

describe('fuzz: every document operation answers hostile requests with a documented 4xx and stores nothing', () => {
  for (const operation of listOperations()) {
    it(`${operation.operationId} (${operation.method} ${operation.path}): ${RUNS_PER_OPERATION} requests`, async () => {
      const allowed = documented4xx(operation);
      const isToken = operation.operationId === 'createToken';
      await fc.assert(
        fc.asyncProperty(requestsFor(operation), async (request) => {
          clock += 1000;
          const before = await countRows();
          const headers = new Headers();
          for (const [name, value] of request.headers) headers.append(name, value);
          const canHaveBody = request.method !== 'GET' && request.method !== 'HEAD';
          // `send` throws if the response breaks the document (status, headers, problem body, request_id).
          const response = await send(sandbox, `${request.path}${request.query}`, {
            method: request.method,
            headers,
            ...(canHaveBody && request.body !== undefined ? { body: request.body } : {}),
          } as RequestInit);
          sent.set(operation.operationId, (sent.get(operation.operationId) ?? 0) + 1);
          const what = `${request.defect}: ${request.method} ${request.path.slice(0, 80)}${request.query.slice(0, 80)} → ${response.status}`;
          const routing = response.status === 404 || response.status === 405;
          expect(allowed.has(response.status) || routing, what).toBe(true);
          const text = await response.text();
          const type = response.headers.get('content-type') ?? '';
          if (isToken && !routing && response.status !== 413 && response.status !== 429) {
            expect(type, what).toMatch(/^application\/json/);
            expect(JSON.parse(text), what).toMatchObject({
              error: expect.stringMatching(
                /^(invalid_request|invalid_client|invalid_grant|unauthorized_client|unsupported_grant_type|invalid_scope)$/,
              ),
              error_description: expect.any(String),
            });
          } else if (request.method !== 'HEAD') {
            expect(type, what).toMatch(/^application\/problem\+json/);
            expect(JSON.parse(text), what).toMatchObject({
              status: response.status,
              type: `https://docs.aethex.dev/reference/errors#${response.status}`,
            });
          }
          expect(await countRows(), `${what}: rows of ${TABLES.join(',')}`).toBe(before);
        }),
        { numRuns: RUNS_PER_OPERATION },
      );
    }, 120_000);
  }

  it('routing: arbitrary paths, methods, bodies and content types never produce a 5xx (contract-checked)', async () => {
    const paths = fc.oneof(
      fc.constantFrom(
        '/v1/projects',
        '/v1/auth/token',
        '/v1/webhooks/verify',
        '/v1/projects/prj_0000000000000000/metrics',
        '/apps',
        '/oauth/authorize',
        '/maintenance',
        '/rate-limit',
        '/webhooks/emit',
        '/.well-known/oauth-authorization-server',
      ),
      fc.webPath(),
    );
    const queries = fc.oneof(
      fc.constant(''),
      fc.webQueryParameters().map((q) => `?${q}`),
      fc.constantFrom('?limit=1e3', '?page=-1', '?limit=%FF', '?window=&window=1h'),
    );
    const bodies = fc.oneof(fc.constant(undefined), fc.string(), fc.json(), fc.uint8Array({ maxLength: 64 }));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'FOO'),
        paths,
        queries,
        bodies,
        fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'text/plain', ''),
        fc.boolean(),
        async (method, path, query, body, type, authed) => {
          clock += 1000;
          const headers: Record<string, string> = {
            ...(type ? { 'Content-Type': type } : {}),
            ...(authed ? bearer(full.personal_access_token) : {}),
          };
          const canHaveBody = method !== 'GET' && method !== 'HEAD';
          const response = await send(sandbox, `${path.startsWith('/') ? path : `/${path}`}${query}`, {
            method,
            headers,
            ...(canHaveBody && body !== undefined ? { body } : {}),
          } as RequestInit);
          sent.set('routing', (sent.get('routing') ?? 0) + 1);
          expect(response.status).toBeLessThan(500);
        },
      ),
      { numRuns: RUNS_PER_OPERATION },
    );
  }, 120_000);
});
