import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { matchRoute } from '@/lib/sandbox/router';

import { absoluteToOrigin, guardReply, installRequestGuard } from './request-guard';

function body(method: string, target: string, requestId?: string): Record<string, unknown> {
  const reply = guardReply(method, target, requestId);
  expect(reply, `${method} ${target} is refused`).toBeDefined();
  return JSON.parse(reply!.body ?? 'null') as Record<string, unknown>;
}

describe('guardReply', () => {
  it('lets every normal request through untouched', () => {
    for (const [method, target] of [
      ['GET', '/sandbox/v1/projects?limit=25'],
      ['POST', '/sandbox/v1/auth/token'],
      ['OPTIONS', '/sandbox/v1/projects'],
      ['GET', '/docs/quick%73tart'],
      ['GET', '/docs/100%25'],
      ['GET', '/docs/%E2%9C%93'],
      ['GET', '/docs/quickstart?q=%E0'],
      ['HEAD', '/'],
      ['DELETE', '/docs/quickstart'],
    ] as const) {
      expect(guardReply(method, target, undefined), `${method} ${target}`).toBeUndefined();
    }
  });

  it('answers a malformed percent-encoded path with a 400 problem, on pages and /sandbox alike', () => {
    for (const target of [
      '/sandbox/%E0%A4%A',
      '/sandbox/v1/projects/%E0',
      '/docs/%E0',
      '/docs/%E0.md',
      '/reference/%E0',
      '/%',
      '/a%2',
      '/%ZZ?x=1',
      '/%C0%AF',
    ]) {
      const reply = guardReply('GET', target, undefined)!;
      expect(reply.status, target).toBe(400);
      expect(reply.headers['Content-Type']).toBe('application/problem+json');
      expect(JSON.parse(reply.body!)).toMatchObject({
        type: 'https://docs.aethex.dev/reference/errors#400',
        title: 'Bad Request',
        status: 400,
        instance: target,
        request_id: reply.headers['X-Request-ID'],
      });
      expect(JSON.parse(reply.body!).detail).toContain('percent-encoding');
    }
  });

  it('a malformed path wins over the method, and HEAD gets the headers without a body', () => {
    expect(guardReply('TRACE', '/docs/%E0', undefined)?.status).toBe(400);
    const head = guardReply('HEAD', '/docs/%E0', undefined)!;
    expect(head.status).toBe(400);
    expect(head.body).toBeNull();
    expect(head.headers['Content-Type']).toBe('application/problem+json');
  });

  it('answers methods Next does not route with 405 and Allow: GET, HEAD outside /sandbox', () => {
    for (const method of ['TRACE', 'PROPFIND', 'MKCOL', 'QUERY']) {
      const reply = guardReply(method, '/docs/quickstart', undefined)!;
      expect(reply.status).toBe(405);
      expect(reply.headers.Allow).toBe('GET, HEAD');
      expect(JSON.parse(reply.body!)).toMatchObject({
        title: 'Method Not Allowed',
        status: 405,
        instance: '/docs/quickstart',
      });
      expect(JSON.parse(reply.body!).detail).toBe(
        `${method} is not supported on /docs/quickstart. Use one of GET, HEAD.`,
      );
      expect(reply.headers['Access-Control-Allow-Origin']).toBeUndefined();
    }
  });

  it('answers TRACE /mcp with 405 and the MCP endpoint’s Allow: POST, OPTIONS', () => {
    const reply = guardReply('TRACE', '/mcp', undefined)!;
    expect(reply.status).toBe(405);
    expect(reply.headers.Allow).toBe('POST, OPTIONS');
  });

  it('under /sandbox answers as the sandbox router: its Allow list, 404 for an unknown path, CORS headers', () => {
    for (const [target, path] of [
      ['/sandbox/v1/projects', '/v1/projects'],
      ['/sandbox/v1/projects/prj_0000/metrics?window=1h', '/v1/projects/prj_0000/metrics'],
      ['/sandbox/v1/auth/token', '/v1/auth/token'],
      ['/sandbox/apps', '/apps'],
      ['/.well-known/oauth-authorization-server/sandbox', '/.well-known/oauth-authorization-server'],
    ] as const) {
      const route = matchRoute('TRACE', path);
      expect(route.kind, path).toBe('method-not-allowed');
      const reply = guardReply('TRACE', target, undefined)!;
      expect(reply.status, target).toBe(405);
      expect(reply.headers.Allow).toBe(route.kind === 'method-not-allowed' ? route.allow.join(', ') : '');
      expect(reply.headers['Access-Control-Allow-Origin']).toBe('*');
      expect(reply.headers['Access-Control-Expose-Headers']).toContain('X-Request-ID');
    }
    const unknown = guardReply('TRACE', '/sandbox/v1/nothing', undefined)!;
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body!).detail).toBe(
      'No operation matches TRACE /sandbox/v1/nothing. Check the path against the API reference.',
    );
  });

  it('sends the request ID and the common security headers on every answer', () => {
    for (const [method, target] of [
      ['GET', '/docs/%E0'],
      ['TRACE', '/'],
      ['TRACE', '/sandbox/v1/projects'],
    ] as const) {
      const reply = guardReply(method, target, undefined)!;
      expect(reply.headers['X-Request-ID']).toMatch(/^req_[0-9a-f]{32}$/);
      expect(reply.headers['X-Content-Type-Options']).toBe('nosniff');
      expect(reply.headers['Permissions-Policy']).toContain('camera=()');
      expect(reply.headers['Cross-Origin-Opener-Policy']).toBe('same-origin-allow-popups');
      expect(reply.headers['Content-Security-Policy']).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(reply.headers['Cache-Control']).toBe('no-store');
    }
  });

  it('keeps a safe caller X-Request-ID and replaces an unsafe one', () => {
    expect(body('TRACE', '/', 'trace-check-1').request_id).toBe('trace-check-1');
    expect(body('TRACE', '/', 'bad id\r\nX-Injected: 1').request_id).toMatch(/^req_[0-9a-f]{32}$/);
  });

  it('caps the echoed instance', () => {
    const target = `/docs/${'a'.repeat(5000)}%E0`;
    expect(String(body('GET', target).instance)).toHaveLength(2048);
  });
});

describe('request targets that are not a path', () => {
  it('answers OPTIONS * with 204 and the server’s methods, and any other * or authority with a 400 problem', () => {
    const options = guardReply('OPTIONS', '*', undefined);
    expect(options?.status).toBe(204);
    expect(options?.headers.Allow).toBe('GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS');
    for (const [method, target] of [
      ['GET', '*'],
      ['POST', '*'],
      ['HEAD', 'example.com:443'],
    ] as const) {
      const reply = guardReply(method, target, undefined);
      expect(reply?.status, `${method} ${target}`).toBe(400);
      expect(reply?.headers['Content-Type']).toBe('application/problem+json');
      expect(reply?.headers['X-Request-ID']).toMatch(/^req_/);
      if (method === 'HEAD') expect(reply?.body).toBeNull();
    }
    expect(JSON.parse(guardReply('GET', '*', undefined)?.body ?? '{}').detail).toMatch(/origin-form/);
  });

  it('turns an absolute-form target into the path and query Next routes on', () => {
    expect(absoluteToOrigin('http://evil.example/docs/quickstart?x=1')).toBe('/docs/quickstart?x=1');
    expect(absoluteToOrigin('HTTPS://evil.example:8443')).toBe('/');
    expect(absoluteToOrigin('http://evil.example?x=1')).toBe('/?x=1');
    expect(absoluteToOrigin('/docs/quickstart')).toBe('/docs/quickstart');
    expect(absoluteToOrigin('*')).toBe('*');
  });
});

describe('installRequestGuard on a node:http server', () => {
  let server: Server;
  let port = 0;
  const seen: string[] = [];

  beforeAll(async () => {
    installRequestGuard();
    installRequestGuard(); // idempotent: one guard, one pass through the listener
    server = createServer(function listener(this: Server, req, res) {
      seen.push(`${req.method} ${req.url} ${this === server}`);
      // What Next does with a TRACE: it cannot build a Fetch Request.
      if (req.method === 'TRACE') new Request('http://localhost/', { method: 'TRACE' });
      // What Next does on a prerendered page: its own Vary list, set just before the body.
      res.setHeader('Vary', 'rsc, Accept-Encoding');
      res.end('next');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  function send(
    method: string,
    path: string,
    headers: Record<string, string> = {},
    payload?: string,
  ): Promise<{ status: number; headers: IncomingHttpHeaders; text: string }> {
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      });
      req.on('error', reject);
      req.end(payload);
    });
  }

  it('answers refused requests itself, from the first request on, and passes the others to the listener', async () => {
    const trace = await send('TRACE', '/healthz');
    expect(trace.status).toBe(405);
    expect(trace.headers['content-type']).toBe('application/problem+json');
    expect(trace.headers.allow).toBe('GET, HEAD');
    expect(trace.headers['x-request-id']).toMatch(/^req_/);
    expect(Number(trace.headers['content-length'])).toBe(Buffer.byteLength(trace.text));
    expect((await send('GET', '/docs/%E0')).status).toBe(400);
    const normal = await send('GET', '/docs/quickstart');
    expect(normal.text).toBe('next');
    expect(seen).toEqual(['GET /docs/quickstart true']);
  });

  it('adds Accept to the Vary of page answers (a page has a Markdown twin), not to the sandbox’s or Next’s assets', async () => {
    expect((await send('GET', '/docs/quickstart')).headers.vary).toBe('Accept, rsc, Accept-Encoding');
    expect((await send('HEAD', '/')).headers.vary).toBe('Accept, rsc, Accept-Encoding');
    for (const path of ['/sandbox/v1/projects', '/mcp', '/_next/static/x.js'])
      expect((await send('GET', path)).headers.vary, path).toBe('rsc, Accept-Encoding');
    expect((await send('POST', '/docs/quickstart')).headers.vary).toBe('rsc, Accept-Encoding');
  });

  it('answers * targets itself over the socket', async () => {
    const options = await send('OPTIONS', '*');
    expect(options.status).toBe(204);
    expect(options.headers.allow).toContain('OPTIONS');
    expect((await send('GET', '*')).status).toBe(400);
  });

  it('routes an absolute-form request on its path, never towards the host it names', async () => {
    seen.length = 0;
    const absolute = await send('GET', 'http://evil.example/docs/quickstart');
    expect(absolute.text).toBe('next');
    expect(seen).toEqual(['GET /docs/quickstart true']);
  });

  it('closes the connection when a refused request announced a body it never read', async () => {
    const withBody = await send('PROPFIND', '/docs/quickstart', { 'Content-Type': 'application/xml' }, '<propfind/>');
    expect(withBody.status).toBe(405);
    expect(withBody.headers.connection).toBe('close');
    const without = await send('TRACE', '/docs/quickstart', { Connection: 'keep-alive' });
    expect(without.headers.connection).toBe('keep-alive');
  });
});
