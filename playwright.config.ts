import { defineConfig, devices } from '@playwright/test';

import { chromiumArgs, chromiumPath } from './tests/chromium';

/**
 * E2E tests drive Debian's Chromium (or any Chromium via CHROMIUM_PATH) against a production build
 * (`next build` + `next start`). PORT and NEXT_DIST_DIR let parallel runs live side by side;
 * E2E_SKIP_BUILD=1 reuses an existing build.
 */
const port = Number(process.env.PORT ?? 3100);
const baseURL = `http://localhost:${port}`;
const build = process.env.E2E_SKIP_BUILD ? '' : 'npm run build && ';
// next start's stdout+stderr also go to this file (in the gitignored dist dir, which other runs' test-results
// cleanup never touches) so tests can scan the server logs; pipefail keeps next start's exit code.
const serverLog = `${process.env.NEXT_DIST_DIR ?? '.next'}/server-${port}.log`;
process.env.E2E_SERVER_LOG = serverLog;

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  webServer: {
    command: `${build}bash -c 'set -o pipefail; npx next start -p ${port} 2>&1 | tee ${serverLog}'`,
    url: baseURL,
    timeout: 600_000,
    // In CI a stray server on the port would make the tests run against stale code: fail instead.
    reuseExistingServer: !process.env.CI,
    // Every e2e test creates sandbox apps from 127.0.0.1: lift the per-address cap (20/hour) for the suite.
    // sandbox-input.spec.ts fills a tenant's 1,000 idempotency records, one project each: lift the project cap (500).
    env: {
      NEXT_TELEMETRY_DISABLED: '1',
      SANDBOX_DB: process.env.SANDBOX_DB ?? ':memory:',
      SANDBOX_APPS_PER_HOUR: process.env.SANDBOX_APPS_PER_HOUR ?? '10000',
      SANDBOX_PROJECTS_PER_TENANT: process.env.SANDBOX_PROJECTS_PER_TENANT ?? '1100',
      // mcp.spec.ts makes several MCP requests per tool call (300 a minute per address by default, lib/mcp/README.md).
      MCP_RATE_LIMIT_PER_MINUTE: process.env.MCP_RATE_LIMIT_PER_MINUTE ?? '10000',
    },
  },
});
