import { fileURLToPath } from 'node:url';

import { defineConfig } from 'vitest/config';

import { postgresBinDir } from './tests/postgres';

const alias = { '@': fileURLToPath(new URL('./', import.meta.url)) };
const sandboxTests = ['lib/sandbox/**/*.test.ts'];

/**
 * Whether the sandbox's tests can also run on PostgreSQL: a server given by SANDBOX_TEST_DATABASE_URL, or PostgreSQL
 * installed here to start a throwaway one. CI always has it (`.ci/run` installs it); elsewhere the run says how.
 */
function postgresAvailable(): boolean {
  if (process.env.SANDBOX_TEST_DATABASE_URL || postgresBinDir()) return true;
  if (process.env.CI) throw new Error('CI needs PostgreSQL for the sandbox tests: run .ci/run, which installs it');
  console.warn(
    [
      'PostgreSQL not found: the sandbox tests run on SQLite only, their PostgreSQL run (vitest project "postgres",',
      `${sandboxTests.join(', ')}: the store, two instances on one database, the fuzz run) is skipped.`,
      'Install it (Debian: apt-get install postgresql; the tests start a throwaway cluster themselves) or point',
      'SANDBOX_TEST_DATABASE_URL=postgres://user@host:port/db at a server whose database the tests may write.',
    ].join('\n'),
  );
  return false;
}

/**
 * Unit tests live beside the code as `*.test.ts`; e2e specs are Playwright's. Two projects: every unit test with the
 * sandbox on SQLite (`sqlite`), and the sandbox's tests again on a real PostgreSQL server (`postgres`).
 */
export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'sqlite',
          include: ['lib/**/*.test.ts', 'components/**/*.test.ts', 'scripts/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      ...(postgresAvailable()
        ? [
            {
              resolve: { alias },
              test: {
                name: 'postgres',
                include: sandboxTests,
                environment: 'node',
                testTimeout: 30_000,
                hookTimeout: 30_000,
                env: { SANDBOX_TEST_DIALECT: 'postgres' },
                globalSetup: ['tests/vitest-postgres.ts'],
              },
            },
          ]
        : []),
    ],
  },
});
