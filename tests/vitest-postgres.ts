/**
 * Global setup of vitest's `postgres` project (vitest.config.ts): the PostgreSQL server the sandbox's tests run
 * against. SANDBOX_TEST_DATABASE_URL when set (`.ci/run` starts a throwaway cluster and sets it), else a throwaway
 * cluster of this run (tests/postgres.ts), stopped at the end. Each test sandbox then keeps its tables in a schema of
 * its own (lib/sandbox/test-helpers.ts).
 */
import type { TestProject } from 'vitest/node';

import { startPostgres } from './postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `postgres://…` of the server the `postgres` project's tests use. */
    postgresUrl: string;
  }
}

/** Provides `postgresUrl` to the tests; returns the teardown that stops a cluster this setup started. */
export default async function setup(project: TestProject): Promise<() => void> {
  const given = process.env.SANDBOX_TEST_DATABASE_URL;
  if (given) {
    project.provide('postgresUrl', given);
    return () => undefined;
  }
  const cluster = await startPostgres();
  project.provide('postgresUrl', cluster.url);
  return () => cluster.stop();
}
