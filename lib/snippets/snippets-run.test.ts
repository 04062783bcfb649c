/**
 * Runs every generated sample in its real runtime against a local echo server and checks that the
 * server saw exactly the documented request (method, path, query, headers, body bytes) and that the
 * sample printed the status, X-Request-ID, X-RateLimit-Remaining and body. A language whose runtime
 * is missing is skipped with a message. (scripts/run-samples.ts runs them against the sandbox.)
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

import { getOperation, listOperations } from '@/lib/openapi';

import { LANGUAGES, sampleForOperation, sampleForRequest, type LanguageId, type SampleRequest } from './index';

type Seen = { method: string; path: string; query: [string, string][]; headers: IncomingHttpHeaders; body: Buffer };

const RUNTIMES: Record<
  LanguageId,
  { file: string; command: string; args: (file: string) => string[]; probe: string[] }
> = {
  curl: { file: 'sample.sh', command: 'sh', args: (f) => [f], probe: ['curl', '--version'] },
  javascript: {
    file: 'sample.js',
    command: process.execPath,
    args: (f) => [f],
    probe: [process.execPath, '--version'],
  },
  python: { file: 'sample.py', command: 'python3', args: (f) => [f], probe: ['python3', '-c', 'import requests'] },
  go: { file: 'main.go', command: 'go', args: (f) => ['run', f], probe: ['go', 'version'] },
  java: { file: 'Main.java', command: 'java', args: (f) => [f], probe: ['java', '-version'] },
  ruby: { file: 'sample.rb', command: 'ruby', args: (f) => [f], probe: ['ruby', '-v'] },
};

const available = (lang: LanguageId) => {
  const [command = '', ...args] = RUNTIMES[lang].probe;
  return spawnSync(command, args, { stdio: 'ignore' }).status === 0;
};

const work = mkdtempSync(path.join(tmpdir(), 'aethex-samples-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let counter = 0;

/**
 * Starts an echo server, runs `source` as `lang` against it (AETHEX_BASE_URL = the server, then `env`), and returns
 * what it saw and printed. A function `source` gets the server's URL, for samples that take it literally.
 */
async function run(lang: LanguageId, source: string | ((echo: string) => string), env: Record<string, string>) {
  const seen: Seen[] = [];
  const requestId = `req_echo_${++counter}`;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://echo');
      seen.push({
        method: request.method ?? '',
        path: url.pathname,
        query: [...url.searchParams],
        headers: request.headers,
        body: Buffer.concat(chunks),
      });
      response.writeHead(201, {
        'Content-Type': 'application/json',
        'X-Request-ID': requestId,
        'X-RateLimit-Remaining': '42',
      });
      response.end('{"echo":"ok"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const dir = mkdtempSync(path.join(work, `${lang}-`));
  const file = path.join(dir, RUNTIMES[lang].file);
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AETHEX_')));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  writeFileSync(file, typeof source === 'string' ? source : source(baseUrl));
  const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const options = {
      cwd: dir,
      env: { ...clean, AETHEX_BASE_URL: baseUrl, ...env } as unknown as NodeJS.ProcessEnv,
      timeout: 90_000,
      encoding: 'utf8' as const,
    };
    execFile(RUNTIMES[lang].command, RUNTIMES[lang].args(file), options, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
  server.close();
  return { ...result, seen, requestId };
}

/** What the document says the request of an operation is, derived independently of the generator. */
function documented(operationId: string) {
  const operation = getOperation(operationId);
  if (!operation) throw new Error(operationId);
  const example = (name: string) => operation.parameters.find((p) => p.name === name)?.example;
  const [mimeType, media] = Object.entries(operation.requestBody?.content ?? {})[0] ?? [];
  const body = media ? Object.values(media.examples ?? {})[0]?.value : undefined;
  return {
    method: operation.method,
    path: operation.path.replace(/\{(\w+)\}/g, (_, name: string) => String(example(name))),
    query: operation.parameters
      .filter((p) => p.in === 'query' && p.example !== undefined)
      .map((p) => [p.name, String(p.example)]),
    environment: example('AeThex-Environment'),
    idempotent: operation.parameters.some((p) => p.name === 'Idempotency-Key'),
    basic: operation.security.some((requirement) => 'clientBasic' in requirement),
    mimeType,
    body,
  };
}

const ENV = { AETHEX_TOKEN: 'atx_test_token', AETHEX_CLIENT_ID: 'cli_test', AETHEX_CLIENT_SECRET: 'cs_test_secret' };
/** A random key (a UUID, or curl's 32 hex digits) in double quotes, as the Idempotency-Key header carries it. */
const QUOTED_UUID = /^"[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}"$/i;

function expectPrinted(stdout: string, requestId: string) {
  expect(stdout).toMatch(/HTTP 201/);
  expect(stdout).toContain(`X-Request-ID: ${requestId}`);
  expect(stdout).toContain('X-RateLimit-Remaining: 42');
  expect(stdout).toContain('{"echo":"ok"}');
}

for (const { id: lang, label } of LANGUAGES) {
  const present = available(lang);
  const suite = present ? describe.concurrent : describe.skip;
  suite(
    `${label} samples run (${present ? RUNTIMES[lang].command : `SKIPPED: ${RUNTIMES[lang].probe.join(' ')} not available`})`,
    () => {
      for (const { operationId } of listOperations()) {
        it(
          `${operationId}: sends the documented request and prints status, headers and body`,
          { timeout: 120_000 },
          async () => {
            const want = documented(operationId);
            const { code, stdout, stderr, seen, requestId } = await run(
              lang,
              sampleForOperation(operationId, lang),
              ENV,
            );
            expect(code, `${stdout}\n${stderr}`).toBe(0);
            expect(seen).toHaveLength(1);
            const [request] = seen as [Seen];
            expect(request.method).toBe(want.method);
            expect(request.path).toBe(want.path);
            expect(request.query).toEqual(want.query);
            const basic = `Basic ${Buffer.from(`${ENV.AETHEX_CLIENT_ID}:${ENV.AETHEX_CLIENT_SECRET}`).toString('base64')}`;
            expect(request.headers.authorization).toBe(want.basic ? basic : `Bearer ${ENV.AETHEX_TOKEN}`);
            expect(request.headers['aethex-environment']).toBe(want.environment);
            expect(request.headers['idempotency-key'] !== undefined).toBe(want.idempotent);
            if (want.idempotent) expect(request.headers['idempotency-key']).toMatch(QUOTED_UUID);
            if (want.mimeType === 'application/json') {
              expect(request.headers['content-type']).toBe('application/json');
              expect(request.body.toString('utf8')).toBe(JSON.stringify(want.body, null, 2));
            } else if (want.mimeType === 'application/x-www-form-urlencoded') {
              expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
              expect(Object.fromEntries(new URLSearchParams(request.body.toString('utf8')))).toEqual(want.body);
            } else {
              expect(request.body.length).toBe(0);
            }
            expectPrinted(stdout, requestId);
          },
        );
      }

      it(
        'createProject: a fresh Idempotency-Key per run, AETHEX_IDEMPOTENCY_KEY reused when set',
        { timeout: 120_000 },
        async () => {
          const source = sampleForOperation('createProject', lang);
          const [first, second, fixed] = [
            await run(lang, source, ENV),
            await run(lang, source, ENV),
            await run(lang, source, { ...ENV, AETHEX_IDEMPOTENCY_KEY: 'retry-7f3a' }),
          ];
          const key = (r: typeof first) => r.seen[0]?.headers['idempotency-key'];
          expect(key(first)).toMatch(QUOTED_UUID);
          expect(key(second)).not.toBe(key(first));
          // The variable holds the key; the header carries it as an RFC 8941 string.
          expect(key(fixed)).toBe('"retry-7f3a"');
        },
      );

      it(
        'literal options: base URL and credentials as given, quoted for the language; the environment is ignored',
        { timeout: 120_000 },
        async () => {
          // Every character a quoting bug would trip on; a production token in the shell must never be sent.
          const hostile = `x'"$HOME \`id\` #{x} \${y} %s \\ end`;
          const poisoned = {
            AETHEX_BASE_URL: 'http://127.0.0.1:9/production',
            AETHEX_TOKEN: 'atx_production',
            AETHEX_CLIENT_ID: 'cli_production',
            AETHEX_CLIENT_SECRET: 'cs_production',
          };
          const literal = (echo: string) => ({
            baseUrl: `${echo}/sandbox/`,
            token: `pat_${hostile}`,
            clientId: `cli_${hostile}`,
            clientSecret: `cs_${hostile}`,
          });
          const bearer = await run(lang, (echo) => sampleForOperation('listProjects', lang, literal(echo)), poisoned);
          expect(bearer.code, `${bearer.stdout}\n${bearer.stderr}`).toBe(0);
          expect(bearer.seen[0]?.path).toBe('/sandbox/v1/projects');
          expect(bearer.seen[0]?.headers.authorization).toBe(`Bearer pat_${hostile}`);
          const basic = await run(lang, (echo) => sampleForOperation('createToken', lang, literal(echo)), poisoned);
          expect(basic.code, `${basic.stdout}\n${basic.stderr}`).toBe(0);
          const pair = Buffer.from(`cli_${hostile}:cs_${hostile}`).toString('base64');
          expect(basic.seen[0]?.headers.authorization).toBe(`Basic ${pair}`);
          // Independent options: a literal base URL with the token still read from AETHEX_TOKEN (the console's choice).
          const mixed = await run(
            lang,
            (echo) => sampleForOperation('listProjects', lang, { baseUrl: `${echo}/sandbox` }),
            { ...poisoned, AETHEX_TOKEN: 'atx_from_env' },
          );
          expect(mixed.seen[0]?.path).toBe('/sandbox/v1/projects');
          expect(mixed.seen[0]?.headers.authorization).toBe('Bearer atx_from_env');
        },
      );

      it(
        'sampleForRequest: hostile body and query bytes arrive exactly; includeToken embeds the token',
        { timeout: 120_000 },
        async () => {
          const request: SampleRequest = {
            method: 'POST',
            path: '/v1/projects',
            query: [
              ['q', `it's "$HOME" & #{x} \`id\` ü`],
              ['limit', '5'],
            ],
            headers: {
              'AeThex-Environment': 'staging',
              Authorization: 'Bearer atx_console',
              'Idempotency-Key': 'fixed',
              'X-Request-ID': 'console-1',
            },
            body: '{"name":"it\'s $HOME `id` #{x} ${y} \\"q\\" \\\\ ü 🚀\'\'\'","n":1.50,\n"multi":"line"}',
            idempotencyHeader: 'Idempotency-Key',
          };
          const { code, stdout, stderr, seen, requestId } = await run(
            lang,
            sampleForRequest(request, lang, { includeToken: 'atx_console' }),
            {},
          );
          expect(code, `${stdout}\n${stderr}`).toBe(0);
          const [got] = seen as [Seen];
          expect(got.query).toEqual(request.query);
          expect(got.body.toString('utf8')).toBe(request.body);
          expect(got.headers.authorization).toBe('Bearer atx_console');
          expect(got.headers['x-request-id']).toBe('console-1');
          expect(got.headers['aethex-environment']).toBe('staging');
          expect(got.headers['idempotency-key']).toMatch(QUOTED_UUID);
          expectPrinted(stdout, requestId);
        },
      );
    },
  );
}

describe('JavaScript samples are valid TypeScript (strict)', () => {
  it("every operation's JavaScript sample type-checks", { timeout: 60_000 }, () => {
    const dir = mkdtempSync(path.join(work, 'ts-'));
    const files = listOperations().map(({ operationId }) => {
      const file = path.join(dir, `${operationId}.ts`);
      writeFileSync(file, sampleForOperation(operationId, 'javascript'));
      return file;
    });
    const program = ts.createProgram(files, {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      // Each sample is its own program when pasted; forcing module scope keeps their top-level names apart here.
      moduleDetection: ts.ModuleDetectionKind.Force,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
      types: ['node'],
      typeRoots: [path.resolve('node_modules/@types')],
    });
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .map((d) => `${path.basename(d.file?.fileName ?? '')}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(diagnostics).toEqual([]);
  });
});
