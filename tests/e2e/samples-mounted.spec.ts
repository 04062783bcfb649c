/**
 * The samples as a signed-in reader copies them (literal base URL and the sandbox app's credentials, lib/snippets
 * SampleOptions) run against the sandbox mounted in `next start`, with no AETHEX_ base URL or credential variable in
 * their environment: every operation in every language answers its documented success status. (npm run
 * test:samples runs the same programs reading the environment, against a standalone sandbox.)
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { expect, test } from '@playwright/test';

import { listOperations } from '../../lib/openapi';
import { LANGUAGES, sampleForOperation } from '../../lib/snippets';
import { operationVariables, outputProblems, successStatus, type Delivery } from '../../scripts/samples/expectations';
import { pool, runSource, sampleEnv } from '../../scripts/samples/process';
import type { CreatedApp } from './fixtures';

test.describe.configure({ timeout: 900_000 });

test('every sample filled with a sandbox app runs as pasted against the mounted sandbox', async ({
  request,
  baseURL,
}) => {
  const base = `${baseURL}/sandbox`;
  const app = (await (await request.post(`${base}/apps`, { data: { name: 'mounted samples' } })).json()) as CreatedApp;
  const auth = { authorization: `Bearer ${app.personal_access_token}` };
  // As the standalone runner does: a limit high enough for every run.
  await request.put(`${base}/rate-limit`, { headers: auth, data: { limit: 6000, window_seconds: 60 } });
  const projects = (await (await request.get(`${base}/v1/projects?limit=1`, { headers: auth })).json()) as {
    id: string;
  }[];
  const projectId = projects[0]?.id ?? '';
  expect(projectId).toMatch(/^prj_/);
  const options = {
    baseUrl: base,
    token: app.personal_access_token,
    clientId: app.client_id,
    clientSecret: app.client_secret,
  };
  const work = mkdtempSync(path.join(tmpdir(), 'aethex-mounted-samples-'));
  mkdirSync(path.join(work, 'home'));
  const goCache = path.resolve('node_modules/.cache/run-samples/go-build');
  mkdirSync(goCache, { recursive: true });
  const failures: string[] = [];
  const missing = new Set<string>();
  const tasks = listOperations().flatMap((operation) =>
    LANGUAGES.map(({ id: lang }) => async () => {
      const delivery =
        operation.operationId === 'verifyWebhook'
          ? ((await (
              await request.post(`${base}/webhooks/emit`, { headers: auth, data: { event: 'deployment.succeeded' } })
            ).json()) as Delivery)
          : undefined;
      const vars = operationVariables(operation, { projectId, delivery });
      const env = sampleEnv(work, goCache, vars);
      // The literal sample must not need (or see) any of these: a production token in the shell is never sent.
      expect(Object.keys(env).filter((name) => /^AETHEX_(BASE_URL|TOKEN|CLIENT_ID|CLIENT_SECRET)$/.test(name))).toEqual(
        [],
      );
      const dir = mkdtempSync(path.join(work, `${operation.operationId}-${lang}-`));
      const source = sampleForOperation(operation.operationId, lang, options);
      const { result, command } = await runSource(lang, source, dir, env);
      if (result.code === 127) return void missing.add(lang); // runtime not installed: as the standalone runner reports
      const problems = outputProblems(result, successStatus(operation));
      if (problems.length)
        failures.push(
          `${operation.operationId} × ${lang}: ${problems.join('; ')}\n  ${command}\n${result.stdout}${result.stderr}`,
        );
    }),
  );
  await pool(tasks, 2);
  rmSync(work, { recursive: true, force: true });
  if (missing.size) test.info().annotations.push({ type: 'skipped runtimes', description: [...missing].join(', ') });
  expect(failures).toEqual([]);
  expect(missing.size).toBeLessThan(LANGUAGES.length);
});
