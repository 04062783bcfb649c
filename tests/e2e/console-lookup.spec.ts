import type { Browser, Page } from '@playwright/test';

import { allowConsoleErrors, expect, HTTP_ERROR_LOG, test } from './fixtures';

/**
 * "Look up a request ID": the sandbox logs each request it answers for a sandbox app (secrets redacted) and the
 * console shows one exchange by its X-Request-ID; another app's request IDs are not found.
 */

async function consoleWithApp(page: Page, operation: string) {
  await page.goto(`/console?operation=${operation}`);
  await expect(page.locator('[data-ready="true"]')).toBeAttached();
  await page.getByRole('button', { name: 'Create sandbox app' }).click();
  await expect(page.getByLabel('Current token')).toContainText('Grant: client credentials');
}

/** Sends getProject for a project that does not exist: a 404 whose request ID the test returns. */
async function sendMissingProject(page: Page): Promise<string> {
  await page.getByLabel(/^projectId/).fill('prj_0000000000000000');
  await page.getByRole('button', { name: /^Send GET / }).click();
  await expect(page.getByTestId('response-status')).toContainText('404');
  return (await page.getByTestId('request-id').textContent()) ?? '';
}

async function otherApp(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await consoleWithApp(page, 'getProjectMetrics');
  return page;
}

test('an error response’s request ID shows that exchange, secrets redacted', async ({ page, problems }) => {
  await consoleWithApp(page, 'getProjectMetrics');
  const requestId = await sendMissingProject(page);
  expect(requestId).toMatch(/\S{8,}/);

  // From the response's request ID chip.
  await page
    .getByRole('button', { name: `Look up ${requestId}` })
    .first()
    .click();
  const exchange = page.getByTestId('looked-up-exchange');
  await expect(exchange).toContainText(requestId);
  await expect(exchange.getByRole('region', { name: 'Request' })).toContainText(
    'GET /v1/projects/prj_0000000000000000/metrics',
  );
  await expect(exchange.getByRole('region', { name: 'Response' })).toContainText('HTTP 404');
  await expect(exchange.getByRole('region', { name: 'Response' })).toContainText('"status": 404');
  const shown = await exchange.innerText();
  expect(shown).toMatch(/authorization\s+Bearer \[redacted\]/i);
  expect(shown).not.toMatch(/atx_[A-Za-z0-9]{8,}/);

  // Pasted into the lookup field, as from a support ticket.
  await page.getByRole('textbox', { name: 'Request ID' }).fill(requestId);
  await page.getByRole('button', { name: 'Look up', exact: true }).click();
  await expect(exchange.getByRole('region', { name: 'Response' })).toContainText('HTTP 404');
  allowConsoleErrors(problems, HTTP_ERROR_LOG);
});

test('another sandbox app’s request ID is not found', async ({ page, browser, problems }) => {
  await consoleWithApp(page, 'getProjectMetrics');
  const requestId = await sendMissingProject(page);
  const other = await otherApp(browser);
  await other.getByRole('textbox', { name: 'Request ID' }).fill(requestId);
  await other.getByRole('button', { name: 'Look up', exact: true }).click();
  await expect(other.getByRole('alert').filter({ hasText: 'holds no request' })).toContainText('404');
  await expect(other.getByTestId('looked-up-exchange')).toHaveCount(0);
  await other.context().close();
  allowConsoleErrors(problems, HTTP_ERROR_LOG);
});
