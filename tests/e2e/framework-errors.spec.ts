import { existsSync, readFileSync, statSync } from 'node:fs';
import { connect } from 'node:net';

import { expect, test } from '@playwright/test';

/**
 * Requests Next.js itself cannot route: a path with malformed percent-encoding and methods
 * outside Next's GET/HEAD/POST/PUT/PATCH/DELETE/OPTIONS got a bare framework 500 (TRACE also logged a stack trace).
 * Each must get an RFC 9457 problem with the usual headers, and leave nothing in the server log.
 *
 * Requests go over a raw TCP socket: URL parsers (Playwright's, node:http's client) normalise or refuse malformed
 * paths and lower-case methods, and these tests need the request line byte for byte.
 */

const port = Number(process.env.PORT ?? 3100);

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Sends one HTTP/1.1 request verbatim and reads the answer until the server closes the connection. */
function send(method: string, target: string, extraHeaders: string[] = []): Promise<RawResponse> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.setTimeout(15_000, () => socket.destroy(new Error(`no answer to ${method} ${target}`)));
    socket.on('data', (chunk) => chunks.push(chunk));
    // A reset after the answer (or instead of one, as for CONNECT) is read as whatever arrived: status 0 if nothing.
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      const [statusLine = '', ...lines] = (split === -1 ? text : text.slice(0, split)).split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        const name = line.slice(0, colon).trim().toLowerCase();
        headers[name] =
          headers[name] === undefined
            ? line.slice(colon + 1).trim()
            : `${headers[name]}, ${line.slice(colon + 1).trim()}`;
      }
      resolve({
        status: Number(statusLine.split(' ')[1] ?? 0),
        headers,
        body: split === -1 ? '' : text.slice(split + 4),
      });
    });
    socket.write(
      [`${method} ${target} HTTP/1.1`, `Host: localhost:${port}`, 'Connection: close', ...extraHeaders, '', ''].join(
        '\r\n',
      ),
    );
  });
}

/** The server log (next start's output, see playwright.config.ts) written while `run` ran. */
async function logDuring(run: () => Promise<void>): Promise<string> {
  const log = process.env.E2E_SERVER_LOG ?? '';
  expect(
    existsSync(log),
    `server log ${log} exists (a reused server started outside Playwright has none: stop it)`,
  ).toBe(true);
  const from = statSync(log).size;
  await run();
  // next start's output reaches the file through a pipe (tee): give it a moment.
  await new Promise((resolve) => setTimeout(resolve, 500));
  return readFileSync(log).subarray(from).toString('utf8');
}

/** A stack frame, Next's error marker, or an error class name: none may appear for these requests. */
const LOGGED_ERROR = /⨯|^\s+at |\b(?:Type|URI|Decode|Range)?Error\b|Internal Server Error|unsupported/m;

/** Asserts the shape every answer of this spec shares: problem+json body, request ID, security headers. */
function expectProblem(response: RawResponse, status: number, target: string): Record<string, unknown> {
  expect(response.status, `status of ${target}`).toBe(status);
  expect(response.headers['content-type']).toBe('application/problem+json');
  expect(response.headers['x-request-id']).toMatch(/^req_[0-9a-f]{32}$/);
  expect(response.headers['x-content-type-options']).toBe('nosniff');
  expect(response.headers['permissions-policy']).toContain('camera=()');
  expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(response.headers['cache-control']).toBe('no-store');
  const body = JSON.parse(response.body) as Record<string, unknown>;
  expect(body).toMatchObject({
    type: `https://docs.aethex.dev/reference/errors#${status}`,
    status,
    instance: target,
    request_id: response.headers['x-request-id'],
  });
  expect(typeof body.title).toBe('string');
  expect(String(body.detail).length).toBeGreaterThan(20);
  return body;
}

const malformed = [
  '/sandbox/%E0%A4%A',
  '/sandbox/v1/projects/%E0',
  '/docs/%E0',
  '/docs/%E0.md',
  '/md/%E0',
  '/reference/%E0',
  '/reference/webhooks/%E0',
  '/%E0',
  '/sandbox/v1/projects/%ZZ?limit=2',
];

for (const target of malformed) {
  test(`GET ${target}: 400 problem for malformed percent-encoding, nothing logged`, async () => {
    let response: RawResponse | undefined;
    const log = await logDuring(async () => {
      response = await send('GET', target);
    });
    expect(log).not.toMatch(LOGGED_ERROR);
    const body = expectProblem(response!, 400, target);
    expect(body.title).toBe('Bad Request');
    expect(String(body.detail)).toContain('percent-encoding');
  });
}

test('HEAD with a malformed path: 400 with the problem headers and no body', async () => {
  const response = await send('HEAD', '/docs/%E0');
  expect(response.status).toBe(400);
  expect(response.headers['content-type']).toBe('application/problem+json');
  expect(response.headers['x-request-id']).toMatch(/^req_/);
  expect(response.body).toBe('');
});

test('a caller-supplied safe X-Request-ID is echoed, an unsafe one replaced', async () => {
  const kept = await send('TRACE', '/healthz', ['X-Request-ID: trace-check-1']);
  expect(kept.headers['x-request-id']).toBe('trace-check-1');
  expect(JSON.parse(kept.body)).toMatchObject({ request_id: 'trace-check-1' });
  const replaced = await send('TRACE', '/healthz', ['X-Request-ID: bad id <script>']);
  expect(replaced.headers['x-request-id']).toMatch(/^req_[0-9a-f]{32}$/);
});

// Pages and the portal's own route handlers serve GET and HEAD (what Next's own 405 for static files says too).
const pageTargets = ['/', '/docs/quickstart', '/reference/listProjects', '/healthz', '/openapi.json'];

for (const method of ['TRACE', 'PROPFIND']) {
  for (const target of pageTargets) {
    test(`${method} ${target}: 405 problem with Allow: GET, HEAD, nothing logged`, async () => {
      let response: RawResponse | undefined;
      const log = await logDuring(async () => {
        response = await send(method, target);
      });
      expect(log).not.toMatch(LOGGED_ERROR);
      const body = expectProblem(response!, 405, target);
      expect(body.title).toBe('Method Not Allowed');
      expect(response!.headers.allow).toBe('GET, HEAD');
      expect(String(body.detail)).toContain(method);
    });
  }
}

// Under /sandbox the answer is the sandbox's own: its Allow list for the path (the one a DELETE there gets), with
// CORS headers so a page on another origin can read it.
for (const target of [
  '/sandbox/v1/projects',
  '/sandbox/v1/projects/prj_0000/metrics?x=1',
  '/sandbox/v1/auth/token',
  '/.well-known/oauth-authorization-server/sandbox',
]) {
  test(`TRACE ${target}: the sandbox's 405 problem with its Allow list, nothing logged`, async () => {
    let response: RawResponse | undefined;
    const log = await logDuring(async () => {
      response = await send('TRACE', target);
    });
    expect(log).not.toMatch(LOGGED_ERROR);
    const body = expectProblem(response!, 405, target);
    expect(body.title).toBe('Method Not Allowed');
    expect(response!.headers['access-control-allow-origin']).toBe('*');
    const reference = await send(target.includes('token') ? 'GET' : 'PUT', target);
    expect(reference.status, 'the reference method is refused by the sandbox itself').toBe(405);
    expect(response!.headers.allow).toBe(reference.headers.allow);
  });
}

test("TRACE on an unknown sandbox path: the sandbox's 404 problem", async () => {
  let response: RawResponse | undefined;
  const log = await logDuring(async () => {
    response = await send('TRACE', '/sandbox/v1/nothing-here');
  });
  expect(log).not.toMatch(LOGGED_ERROR);
  expectProblem(response!, 404, '/sandbox/v1/nothing-here');
});

test('well-formed requests still reach Next: encoded characters, a bad query, the sandbox hot path', async () => {
  const log = await logDuring(async () => {
    expect((await send('GET', '/docs/quick%73tart')).status).toBe(200);
    expect((await send('GET', '/docs/quickstart?q=%E0')).status).toBe(200);
    expect((await send('GET', '/docs/no%25such')).status).toBe(404);
    const projects = await send('GET', '/sandbox/v1/projects?limit=2');
    expect(projects.status).toBe(401);
    expect(projects.headers['content-type']).toBe('application/problem+json');
    expect((await send('GET', '/sandbox/v1/projects/prj%5F0000/metrics')).status).toBe(401);
    expect((await send('OPTIONS', '/sandbox/v1/projects')).status).toBe(204);
  });
  expect(log).not.toMatch(LOGGED_ERROR);
});

// Method tokens Node's HTTP parser does not know (TRACK, lower-case get, made-up ones) never reach Next: Node answers
// 400 and closes the connection. CONNECT is not a request to an origin server: Node closes the connection unanswered.
// Neither is a framework 500 and neither logs anything; this pins that boundary.
test('methods Node refuses before Next: 400 or a closed connection, never a 500, nothing logged', async () => {
  const log = await logDuring(async () => {
    for (const method of ['TRACK', 'get', 'FOO']) expect((await send(method, '/docs/quickstart')).status).toBe(400);
    expect((await send('CONNECT', 'localhost:443')).status).toBe(0);
  });
  expect(log).not.toMatch(LOGGED_ERROR);
});

// A request target that is not a path: `*` made Next build `new URL('*')` (a bare 500 and a logged TypeError), and an
// absolute-form target (which servers must accept, RFC 9112 §3.2.2) got a redirect to the host it names.
test('* and absolute-form targets: OPTIONS * 204, GET * a 400 problem, absolute-form routed on its path, nothing logged', async () => {
  const log = await logDuring(async () => {
    const options = await send('OPTIONS', '*');
    expect(options.status).toBe(204);
    expect(options.headers.allow).toContain('OPTIONS');
    expect(expectProblem(await send('GET', '*'), 400, '*').detail).toMatch(/origin-form/);
    const absolute = await send('GET', 'http://evil.example/docs/quickstart');
    expect(absolute.status).toBe(200);
    expect(absolute.headers.location).toBeUndefined();
    expect(absolute.body).toContain('Quickstart');
  });
  expect(log).not.toMatch(LOGGED_ERROR);
});
