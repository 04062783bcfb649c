/**
 * `npm run test:samples`: every code sample the site shows runs in its real runtime against a sandbox.
 *
 * For each operation of the OpenAPI document (the model in lib/openapi/) and each language of lib/snippets, the exact text of
 * `sampleForOperation` is written to a temp dir and run with the language's ordinary tool, with only the environment
 * variables the reference page documents. A run passes when it exits 0, prints the documented success status, and
 * prints an X-Request-ID the sandbox really issued for that operation with that status (the runner records every
 * response of the in-process sandbox). createProject runs twice with one Idempotency-Key: exactly one project is
 * created and the second answer is the sandbox's replay. The JavaScript samples also type-check as strict TypeScript,
 * and the webhook guide's receivers (lib/snippets/webhook-verify.ts) accept a real signed delivery and reject a
 * tampered one. Ends with `N passed, M failed`; exits 1 on any failure.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { apiModel, listOperations, type Operation } from '@/lib/openapi';
import { startSandboxServer } from '@/lib/sandbox/server';
import { LANGUAGES, sampleForOperation, type LanguageId } from '@/lib/snippets';

import { operationVariables, outputProblems, successStatus, type Delivery } from './samples/expectations';
import { mutex, pool, run, runSource, sampleEnv, type RunResult } from './samples/process';
import { checkReceivers } from './samples/receivers';
import { createReport } from './samples/report';

async function main(): Promise<number> {
  const began = Date.now();
  const root = process.cwd();
  const work = mkdtempSync(path.join(tmpdir(), 'aethex-run-samples-'));
  // Go's build cache survives runs (node_modules/.cache is ignored by git), so only the first run compiles net/http.
  const goCache = process.env.GOCACHE_SAMPLES ?? path.join(root, 'node_modules/.cache/run-samples/go-build');
  mkdirSync(goCache, { recursive: true });
  mkdirSync(path.join(work, 'home'), { recursive: true });

  /** Every response the sandbox sent, by its X-Request-ID. */
  const issued = new Map<
    string,
    {
      method: string;
      path: string;
      query: URLSearchParams;
      environment: string | null;
      status: number;
      replayed: boolean;
    }
  >();
  const sandboxServer = await startSandboxServer({ port: 0, host: '127.0.0.1', db: ':memory:', purgeIntervalMs: 0 });
  const { sandbox } = sandboxServer;
  const reply = sandbox.reply.bind(sandbox);
  sandbox.reply = async (request, info) => {
    const answer = await reply(request, info);
    const id = answer.headers['X-Request-ID'];
    const url = new URL(request.url);
    if (id)
      issued.set(id, {
        method: request.method,
        path: url.pathname,
        query: url.searchParams,
        environment: environmentHeader ? request.headers.get(environmentHeader) : null,
        status: answer.status,
        replayed: answer.headers['Idempotent-Replayed'] === 'true',
      });
    return answer;
  };
  const baseUrl = `${sandboxServer.url}/sandbox`;
  const { environment, oauth } = apiModel();
  if (!oauth?.tokenPath) throw new Error('run-samples: the oauth2 scheme has no token URL');
  const environmentHeader = environment?.header.toLowerCase();

  async function api(
    method: string,
    pathname: string,
    init: { token?: string; basic?: string; body?: unknown; form?: string; headers?: Record<string, string> } = {},
  ) {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.basic) headers.authorization = `Basic ${init.basic}`;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    if (init.form !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(`${baseUrl}${pathname}`, {
      method,
      headers,
      body: init.form ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${pathname} → ${response.status}: ${text}`);
    return { headers: response.headers, json: JSON.parse(text || 'null') as Record<string, unknown> };
  }

  // 1. A sandbox app, a client-credentials token, a rate limit high enough for every run, a real project id.
  const app = (await api('POST', '/apps', { body: { name: 'sample runner' } })).json as {
    client_id: string;
    client_secret: string;
    webhook_secret: string;
  };
  const basic = Buffer.from(`${app.client_id}:${app.client_secret}`).toString('base64');
  const token = String(
    (await api('POST', oauth.tokenPath, { basic, form: 'grant_type=client_credentials' })).json.access_token,
  );
  await api('PUT', '/rate-limit', { token, body: { limit: 6000, window_seconds: 60 } });
  const projects = (await api('GET', '/v1/projects?limit=1', { token })).json as unknown as
    { data?: { id: string }[] } | { id: string }[];
  const projectId = (Array.isArray(projects) ? projects[0]?.id : projects.data?.[0]?.id) ?? '';
  if (!projectId.startsWith('prj_'))
    throw new Error(`run-samples: no seeded project in ${JSON.stringify(projects).slice(0, 200)}`);
  if (issued.size === 0) throw new Error('run-samples: the request recorder saw no sandbox response');

  const report = createReport();

  /** The AETHEX_* variables the reference page tells the user to set for this operation (from the document, not the generator). */
  async function variablesFor(operation: Operation): Promise<Record<string, string>> {
    const vars: Record<string, string> = { AETHEX_BASE_URL: baseUrl };
    if (operation.credential === 'client-basic')
      Object.assign(vars, { AETHEX_CLIENT_ID: app.client_id, AETHEX_CLIENT_SECRET: app.client_secret });
    else vars.AETHEX_TOKEN = token;
    // A real delivery, signed by the sandbox a moment ago, passed the way the sample reads it.
    const delivery =
      operation.operationId === 'verifyWebhook'
        ? ((await api('POST', '/webhooks/emit', { token, body: { event: 'deployment.succeeded' } })).json as Delivery)
        : undefined;
    return { ...vars, ...operationVariables(operation, { projectId, delivery }) };
  }

  /** Runs one sample text and checks exit code, printed status and a request ID the sandbox issued for this operation. */
  async function runSample(
    operation: Operation,
    lang: LanguageId,
    source: string,
    vars: Record<string, string>,
    label: string,
  ) {
    const dir = mkdtempSync(path.join(work, `${operation.operationId}-${lang}-`));
    const { result, command } = await runSource(lang, source, dir, sampleEnv(work, goCache, vars));
    const expected = successStatus(operation);
    const problems = outputProblems(result, expected);
    const requestId = /^X-Request-ID: (\S+)\s*$/m.exec(result.stdout)?.[1];
    const record = requestId ? issued.get(requestId) : undefined;
    const templatePath = new RegExp(`^/sandbox${operation.path.replace(/\{\w+\}/g, '[^/]+')}$`);
    // No request ID at all is already among outputProblems.
    if (requestId && !record) problems.push(`X-Request-ID ${requestId} was never issued by the sandbox`);
    else if (
      record &&
      (record.method !== operation.method || !templatePath.test(record.path) || record.status !== expected)
    ) {
      problems.push(
        `X-Request-ID ${requestId} belongs to ${record.method} ${record.path} → ${record.status}, not ${operation.method} ${operation.path} → ${expected}`,
      );
    }
    // The sandbox received the documented query and environment-header examples (an API default would hide a
    // generator that drops them).
    for (const parameter of operation.parameters.filter(
      (p) =>
        p.example !== undefined &&
        (p.in === 'query' || (p.in === 'header' && p.name.toLowerCase() === environmentHeader)),
    )) {
      const sent =
        parameter.in === 'query' ? (record?.query.get(parameter.name) ?? null) : (record?.environment ?? null);
      if (record && sent !== String(parameter.example))
        problems.push(
          `the sandbox received ${parameter.in} parameter ${parameter.name}=${sent ?? '(absent)'}, documented example ${String(parameter.example)}`,
        );
    }
    return { result, problems, record, command, label };
  }

  const createLock = mutex();

  /** createProject, twice with one Idempotency-Key: one project more (X-Total-Count), the second answer a replay. */
  async function idempotentCreate(
    operation: Operation,
    lang: LanguageId,
    source: string,
    vars: Record<string, string>,
  ) {
    return createLock(async () => {
      const count = async () =>
        Number((await api('GET', '/v1/projects?limit=1', { token })).headers.get('x-total-count'));
      const before = await count();
      const key = { ...vars, AETHEX_IDEMPOTENCY_KEY: `run-samples-${lang}-${randomUUID()}` };
      const first = await runSample(operation, lang, source, key, 'first run');
      const second = await runSample(operation, lang, source, key, 'second run, same AETHEX_IDEMPOTENCY_KEY');
      const after = await count();
      const problems = [
        ...first.problems.map((p) => `first run: ${p}`),
        ...second.problems.map((p) => `second run: ${p}`),
      ];
      if (after !== before + 1)
        problems.push(`X-Total-Count went from ${before} to ${after}; expected exactly one new project`);
      if (first.record?.replayed) problems.push('first run was answered as a replay');
      if (second.record && !second.record.replayed)
        problems.push('second run was not answered with Idempotent-Replayed: true');
      const body = (r: RunResult) => r.stdout.replace(/^(HTTP|X-Request-ID|X-RateLimit-Remaining)\b.*$/gm, '').trim();
      if (body(first.result) !== body(second.result))
        problems.push('second run printed a different body than the first');
      return {
        result: second.result,
        problems,
        command: second.command,
        output: `${first.result.stdout}${first.result.stderr}\n--- second run ---\n${second.result.stdout}${second.result.stderr}`,
      };
    });
  }

  const tasks: (() => Promise<void>)[] = [];
  for (const operation of listOperations()) {
    for (const { id: lang } of LANGUAGES) {
      tasks.push(async () => {
        const source = sampleForOperation(operation.operationId, lang);
        const vars = await variablesFor(operation);
        const outcome = operation.idempotency
          ? await idempotentCreate(operation, lang, source, vars)
          : await runSample(operation, lang, source, vars, 'run').then((r) => ({
              ...r,
              output: r.result.stdout + r.result.stderr,
            }));
        report.add({
          operation: operation.operationId,
          language: lang,
          command: outcome.command,
          problems: outcome.problems,
          output: outcome.output,
        });
      });
    }
  }

  tasks.push(async () => {
    // Node 20 cannot strip types, so the site's JavaScript samples must also be valid strict TypeScript: one tsc run for all.
    const dir = path.join(work, 'typescript');
    mkdirSync(dir);
    const files = listOperations().map(({ operationId }) => {
      writeFileSync(path.join(dir, `${operationId}.ts`), sampleForOperation(operationId, 'javascript'));
      return `${operationId}.ts`;
    });
    const compilerOptions = {
      strict: true,
      noEmit: true,
      target: 'ES2022',
      module: 'ESNext',
      moduleResolution: 'Bundler',
      moduleDetection: 'force',
      lib: ['ES2022', 'DOM'],
      types: ['node'],
      typeRoots: [path.join(root, 'node_modules/@types')],
      skipLibCheck: true,
    };
    writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files }));
    const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
    const result = await run(process.execPath, [tsc, '-p', 'tsconfig.json'], dir, sampleEnv(work, goCache, {}));
    report.add({
      operation: `all ${files.length} operations`,
      language: 'javascript as TypeScript',
      command: `cd ${dir} && tsc -p tsconfig.json`,
      problems: result.code === 0 ? [] : ['tsc --noEmit reported errors'],
      output: result.stdout + result.stderr,
    });
  });

  tasks.push(
    ...checkReceivers({
      baseUrl,
      token,
      webhookSecret: app.webhook_secret,
      work,
      goCache,
      root,
      report,
      emit: () =>
        api('POST', '/webhooks/emit', { token, body: { event: 'member.invited' } }).then(
          (r) => r.json as { payload: string; headers: Record<string, string> },
        ),
    }),
  );

  await pool(tasks, Number(process.env.SAMPLES_CONCURRENCY ?? 3));
  await sandboxServer.close();
  if (!process.env.KEEP_SAMPLES) rmSync(work, { recursive: true, force: true });
  return report.print(Date.now() - began);
}

main().then(
  (failed) => process.exit(failed ? 1 : 0),
  (error: unknown) => {
    console.error('run-samples: could not run the samples:', error);
    process.exit(1);
  },
);
