import { test as base, expect, type Page } from '@playwright/test';

/** Problems seen while a test ran: uncaught page errors, console errors, requests to other hosts. */
export type PageProblems = { pageErrors: string[]; consoleErrors: string[]; externalRequests: string[] };

const localHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Playwright `test` whose `page` records uncaught errors, console errors and any request to a host other
 * than the local server, and fails the test on any of them after it ran. Tests that expect a console
 * error (e.g. a deliberate 4xx shown by the console) can clear `problems.consoleErrors`.
 */
export const test = base.extend<{ problems: PageProblems }>({
  problems: [
    async ({ page }, provide) => {
      const problems: PageProblems = { pageErrors: [], consoleErrors: [], externalRequests: [] };
      page.on('pageerror', (error) => problems.pageErrors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.consoleErrors.push(message.text());
      });
      page.on('request', (request) => {
        const url = new URL(request.url());
        if (['data:', 'blob:', 'about:'].includes(url.protocol)) return;
        if (!localHosts.has(url.hostname)) problems.externalRequests.push(request.url());
      });
      await provide(problems);
      expect(problems.pageErrors, 'uncaught page errors').toEqual([]);
      expect(problems.consoleErrors, 'console errors').toEqual([]);
      expect(problems.externalRequests, 'requests to non-local hosts').toEqual([]);
    },
    // Automatic: every test that opens a page is watched, whether or not it asks for `problems`.
    { auto: true },
  ],
});

/** The line the browser itself logs for a response with a 4xx or 5xx status. */
export const HTTP_ERROR_LOG = /status of [45]\d\d/;

/**
 * Drops the console errors matching `expected` (what the browser logs for a response the test provokes on purpose),
 * keeping every other, so the check after the test still sees an unexpected one.
 */
export function allowConsoleErrors(problems: PageProblems, expected: RegExp): void {
  problems.consoleErrors.splice(
    0,
    problems.consoleErrors.length,
    ...problems.consoleErrors.filter((m) => !expected.test(m)),
  );
}

export { expect };

/** A sandbox app as `POST /sandbox/apps` returns it (lib/sandbox-session.ts `SandboxApp` without `baseUrl`). */
export type CreatedApp = {
  tenant_id: string;
  client_id: string;
  client_secret: string;
  personal_access_token: string;
  webhook_secret: string;
};

/**
 * Creates a sandbox app with `POST /sandbox/apps` and stores it in the page's sessionStorage the way the portal does
 * (`aethex:sandbox-session`, lib/sandbox-session.ts, with `baseUrl` = origin + `/sandbox`), then reloads so every
 * sample reads it. The page must already be on the portal's origin.
 */
export async function storeSandboxApp(page: Page, name = 'e2e samples'): Promise<CreatedApp & { baseUrl: string }> {
  const origin = new URL(page.url()).origin;
  const response = await page.request.post(`${origin}/sandbox/apps`, { data: { name } });
  expect(response.status()).toBe(201);
  const app = { ...((await response.json()) as CreatedApp), baseUrl: `${origin}/sandbox` };
  await page.evaluate(
    (value) => window.sessionStorage.setItem('aethex:sandbox-session', value),
    JSON.stringify({ app }),
  );
  await page.reload();
  return app;
}
