import dns from 'node:dns';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';

import ts from 'typescript';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { createTestApp, send, testSandbox } from '@/lib/sandbox/test-helpers';

/**
 * The portal has no route that forwards requests (no open proxy, so no SSRF to loopback, private,
 * link-local or metadata addresses). The console calls API targets directly from the browser. These tests keep it so.
 */
const ROOT = process.cwd();

/**
 * Every route handler of the portal, with why it forwards nothing. A new route handler fails the test until it is
 * reviewed and listed here.
 */
const REVIEWED_ROUTES: Record<string, string> = {
  'app/sandbox/[...path]/route.ts':
    'the sandbox handler: answers from its own state; its only outgoing requests are webhook deliveries, through lib/sandbox/outbound.ts (REVIEWED_OUTBOUND)',
  'app/search-index.json/route.ts': 'static search index built from content/ at build time',
  'app/md/[...slug]/route.ts': 'static Markdown twins of every page',
  'app/openapi.json/route.ts': 'static OpenAPI document',
  'app/openapi.yaml/route.ts': 'static OpenAPI document',
  'app/llms.txt/route.ts': 'static text from the guides and the document',
  'app/llms-full.txt/route.ts': 'static text from the guides and the document',
  'app/healthz/route.ts': 'health check: whether the mounted sandbox has its database open (no outbound request)',
  'app/mcp/route.ts':
    'the MCP server: answers from the site content and calls the mounted sandbox in-process (Sandbox.handle with a URL it builds on the sandbox mount, lib/mcp/sandbox-request.ts); no fetch',
  'app/.well-known/api-catalog/route.ts': 'static RFC 9727 API catalog built from the document at build time',
};

/**
 * The modules that may make outgoing requests, each with why that opens no proxy. Webhook delivery (issue #19) posts
 * to URLs a sandbox app registers; only these modules send, and only after the checks described.
 */
const REVIEWED_OUTBOUND: Record<string, string> = {
  'lib/sandbox/outbound-exchange.ts':
    'webhook POSTs, called only by outbound.ts after every resolved address passed its checks: public unicast only (loopback too in the standalone sandbox), the connection pinned to the checked address, no redirects followed, 64 KiB read (lib/sandbox/outbound.test.ts, webhook-delivery.test.ts)',
};

/**
 * Modules whose `NextResponse.rewrite()` is reviewed to stay on the request's own origin, each with why. Any other
 * outgoing call in them still fails the test.
 */
const REVIEWED_SAME_ORIGIN_REWRITES: Record<string, string> = {
  'proxy.ts':
    "a page asked for as text/markdown is rewritten to the portal's own /md/<path> route on request.url's origin (lib/markdown/twin-route.ts markdownRoutePath; its test checks hostile paths stay on the origin)",
};

/** Modules that open network connections (Node clients and common HTTP libraries). */
const NETWORK_MODULES =
  /^(?:node:)?(?:http|https|http2|net|tls|dgram)$|^(?:undici|axios|got|node-fetch|ky|superagent|request)$/;
/** Globals that make requests. */
const NETWORK_CALLS = new Set(['fetch']);
const NETWORK_CONSTRUCTORS = new Set(['XMLHttpRequest', 'WebSocket', 'EventSource']);

/**
 * Parses a module with the TypeScript compiler (so code samples inside strings do not count) and returns its
 * project imports and every outgoing-request construct: network module imports, fetch() calls, request-making
 * constructors and NextResponse.rewrite() (which proxies when given another origin).
 */
function analyse(file: string, text = readFileSync(file, 'utf8')): { imports: string[]; outbound: string[] } {
  const source = ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const imports: string[] = [];
  const outbound: string[] = [];
  const visit = (node: ts.Node) => {
    let specifier: string | undefined;
    // A type-only import (`import type { Server } from 'node:http'`) emits no code, so it opens nothing.
    const typeOnly =
      (ts.isImportDeclaration(node) && node.importClause?.isTypeOnly === true) ||
      (ts.isExportDeclaration(node) && node.isTypeOnly);
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      !typeOnly &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    )
      specifier = node.moduleSpecifier.text;
    if (ts.isCallExpression(node)) {
      const [arg] = node.arguments;
      const isImport =
        node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && node.expression.text === 'require');
      if (isImport && arg && ts.isStringLiteral(arg)) specifier = arg.text;
      const callee = ts.isIdentifier(node.expression)
        ? node.expression.text
        : ts.isPropertyAccessExpression(node.expression)
          ? node.expression.name.text
          : '';
      if (NETWORK_CALLS.has(callee))
        outbound.push(`${callee}() at line ${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`);
      if (ts.isPropertyAccessExpression(node.expression) && node.expression.getText() === 'NextResponse.rewrite')
        outbound.push('NextResponse.rewrite()');
    }
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && NETWORK_CONSTRUCTORS.has(node.expression.text))
      outbound.push(`new ${node.expression.text}()`);
    if (specifier !== undefined) {
      if (NETWORK_MODULES.test(specifier)) outbound.push(`imports ${specifier}`);
      imports.push(specifier);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { imports, outbound };
}

function walk(dir: string, found: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walk(full, found);
    else if (/^route\.(?:ts|tsx|js|mjs)$/.test(name)) found.push(path.relative(ROOT, full).split(path.sep).join('/'));
  }
  return found;
}

function resolveImport(from: string, specifier: string): string | undefined {
  let base: string;
  if (specifier.startsWith('@/')) base = path.join(ROOT, specifier.slice(2));
  else if (specifier.startsWith('.')) base = path.resolve(path.dirname(from), specifier);
  else return undefined;
  const candidates = [
    base,
    ...['.ts', '.tsx', '.js', '.mjs', '.json'].map((ext) => `${base}${ext}`),
    ...['index.ts', 'index.tsx'].map((index) => path.join(base, index)),
  ];
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
}

/** Every project module a file reaches through static and dynamic imports (packages are not followed). */
function moduleGraph(entry: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const queue = [path.join(ROOT, entry)];
  while (queue.length > 0) {
    const file = queue.pop()!;
    const key = path.relative(ROOT, file).split(path.sep).join('/');
    if (graph.has(key) || file.endsWith('.json')) continue;
    const { imports, outbound } = analyse(file);
    graph.set(key, outbound);
    for (const specifier of imports) {
      const resolved = resolveImport(file, specifier);
      if (resolved) queue.push(resolved);
    }
  }
  return graph;
}

describe('no open proxy: static review of every route handler', () => {
  const routes = walk(path.join(ROOT, 'app')).sort();

  it('every route handler under app/ is on the reviewed allow-list (a new route fails until reviewed)', () => {
    expect(routes.length).toBeGreaterThan(0);
    expect(
      routes.filter((route) => !(route in REVIEWED_ROUTES)),
      'unreviewed route handlers: add them to REVIEWED_ROUTES with a reason',
    ).toEqual([]);
    expect(
      Object.keys(REVIEWED_ROUTES).filter((route) => !routes.includes(route)),
      'stale allow-list entries',
    ).toEqual([]);
  });

  it('no route handler (nor the proxy, nor the instrumentation hook) reaches code that makes an outgoing request', () => {
    const offenders: string[] = [];
    let modules = 0;
    for (const entry of [...routes, 'proxy.ts', 'instrumentation.ts']) {
      for (const [file, outbound] of moduleGraph(entry)) {
        modules += 1;
        if (file in REVIEWED_OUTBOUND) continue;
        for (const call of outbound) {
          if (file in REVIEWED_SAME_ORIGIN_REWRITES && call === 'NextResponse.rewrite()') continue;
          offenders.push(`${entry} → ${file}: ${call}`);
        }
      }
    }
    expect(modules).toBeGreaterThan(routes.length);
    expect(offenders).toEqual([]);
    // Each reviewed exception still makes requests (else it is stale) and is reached only through outbound.ts.
    for (const file of Object.keys(REVIEWED_OUTBOUND)) {
      expect(analyse(path.join(ROOT, file)).outbound.length, file).toBeGreaterThan(0);
      const importers = [...moduleGraph('app/sandbox/[...path]/route.ts').keys()].filter((module) =>
        analyse(path.join(ROOT, module)).imports.some(
          (specifier) => resolveImport(path.join(ROOT, module), specifier) === path.join(ROOT, file),
        ),
      );
      expect(importers, file).toEqual(['lib/sandbox/outbound.ts']);
    }
  });

  it('the scanner does find outgoing calls (it would catch a forwarding route)', () => {
    // lib/sandbox/server.ts imports node:http (to serve) and the bench fetches: reachable from no route, but found.
    expect(analyse(path.join(ROOT, 'lib/sandbox/server.ts')).outbound).toContain('imports node:http');
    expect(
      analyse(path.join(ROOT, 'scripts/bench/sandbox.ts')).outbound.some((call) => call.startsWith('fetch()')),
    ).toBe(true);
    // A fetch inside a code sample string is text, not a call; a real one is found.
    expect(
      analyse('sample.ts', "const sample = `import http from 'node:http'; await fetch(url)`; export default sample;")
        .outbound,
    ).toEqual([]);
    expect(
      analyse('types.ts', "import type { Server } from 'node:http'; import { request } from 'node:http';").outbound,
    ).toEqual(['imports node:http']);
    expect([...moduleGraph('instrumentation.ts').keys()]).toContain('lib/security/request-guard.ts');
    expect(
      analyse(
        'forward.ts',
        "export async function GET(r: Request) { return globalThis.fetch(new URL(r.url).searchParams.get('u')!); }",
      ).outbound,
    ).toEqual(['fetch() at line 1']);
    expect([...moduleGraph('app/sandbox/[...path]/route.ts').keys()]).toContain('lib/sandbox/handler.ts');
  });

  it("rewrites only map to the portal's own paths, never to another origin", async () => {
    const nextConfig = (
      (await import(path.join(ROOT, 'next.config.mjs'))) as { default: { rewrites?: () => Promise<unknown> } }
    ).default;
    const rewrites = (await nextConfig.rewrites?.()) ?? [];
    const list = Array.isArray(rewrites) ? rewrites : Object.values(rewrites as Record<string, unknown[]>).flat();
    for (const rewrite of list as { destination: string }[])
      expect(rewrite.destination, rewrite.destination).toMatch(/^\/(?!\/)/);
  });
});

describe('no open proxy: the sandbox never follows a URL it is given', () => {
  const HOSTILE = [
    'http://169.254.169.254/latest/meta-data/',
    'http://127.0.0.1:22/',
    'http://10.0.0.1/admin',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:a9fe:a9fe]/',
    'http://metadata.google.internal/computeMetadata/v1/',
  ];
  const outbound: string[] = [];
  const trap =
    (name: string) =>
    (...args: unknown[]) => {
      outbound.push(`${name} ${String(args[0])}`);
      throw new Error(`outbound ${name} attempted`);
    };
  const spies = () => [
    vi.spyOn(globalThis, 'fetch').mockImplementation(trap('fetch')),
    vi.spyOn(http, 'request').mockImplementation(trap('http.request')),
    vi.spyOn(http, 'get').mockImplementation(trap('http.get')),
    vi.spyOn(https, 'request').mockImplementation(trap('https.request')),
    vi.spyOn(net, 'connect').mockImplementation(trap('net.connect')),
    vi.spyOn(net, 'createConnection').mockImplementation(trap('net.createConnection')),
    vi.spyOn(dns, 'lookup').mockImplementation(trap('dns.lookup')),
  ];
  afterEach(() => {
    vi.restoreAllMocks();
    outbound.length = 0;
  });

  it('redirect_uri at loopback, private, link-local, metadata and IPv4-mapped addresses: refused for unregistered clients, never fetched', async () => {
    const sandbox = testSandbox();
    try {
      const app = await createTestApp(sandbox);
      spies();
      const challenge = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
      for (const clientId of ['cli_unknown000000000', app.client_id, 'aethex-console']) {
        for (const redirect of HOSTILE) {
          const query = new URLSearchParams({
            response_type: 'code',
            client_id: clientId,
            redirect_uri: redirect,
            scope: 'projects:read',
            code_challenge: challenge,
            code_challenge_method: 'S256',
            state: 's',
            login_hint: app.tenant_id,
          });
          const page = await send(sandbox, `/oauth/authorize?${query}`, { redirect: 'manual' });
          // An error page, never a redirect (RFC 6749 §4.1.2.1) — except loopback on a tenant client (RFC 8252 §7.3),
          // which only the user's browser follows.
          const allowedLoopback = clientId === app.client_id && redirect.startsWith('http://127.0.0.1');
          expect(page.status, `${clientId} ${redirect}`).toBe(allowedLoopback ? 200 : 400);
          expect(page.headers.get('location')).toBeNull();
        }
        const token = await send(sandbox, '/v1/auth/token', {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            grant_type: 'authorization_code',
            client_id: clientId,
            code: 'ac_x',
            redirect_uri: HOSTILE[0]!,
            code_verifier: 'v'.repeat(43),
          }).toString(),
        });
        expect([400, 401]).toContain(token.status);
      }
      expect(outbound).toEqual([]);
    } finally {
      sandbox.close();
    }
  });

  it('a registered metadata-address redirect URI is only ever a Location for the browser: the sandbox makes no request', async () => {
    const sandbox = testSandbox();
    try {
      const app = await createTestApp(sandbox, { redirect_uris: [HOSTILE[0]!, HOSTILE[2]!] });
      spies();
      const query = new URLSearchParams({
        response_type: 'code',
        client_id: app.client_id,
        redirect_uri: HOSTILE[0]!,
        code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
        code_challenge_method: 'S256',
      });
      const page = await send(sandbox, `/oauth/authorize?${query}`);
      expect(page.status).toBe(200);
      const decision = await send(sandbox, '/oauth/authorize', {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: `${query}&decision=allow&personal_access_token=${app.personal_access_token}`,
        redirect: 'manual',
      });
      expect(decision.status).toBe(303);
      expect(decision.headers.get('location')).toMatch(/^http:\/\/169\.254\.169\.254\/latest\/meta-data\/\?code=/);
      for (const body of [{ event: 'member.invited', url: HOSTILE[1] }, { event: HOSTILE[2] }]) {
        const emitted = await send(sandbox, '/webhooks/emit', {
          method: 'POST',
          headers: { Authorization: `Bearer ${app.personal_access_token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
        expect(emitted.status).toBeLessThan(500);
      }
      expect(outbound).toEqual([]);
    } finally {
      sandbox.close();
    }
  });
});
