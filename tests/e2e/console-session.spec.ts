import type { Page } from '@playwright/test';

import { SANDBOX_SESSION_KEY } from '../../lib/sandbox-session';
import { allowConsoleErrors, expect, HTTP_ERROR_LOG, test } from './fixtures';

/**
 * One click to authorised, and where the credentials live: the sandbox app and its token persist for the tab
 * (sessionStorage), so a reload or another page keeps them; a production token stays in memory only.
 */

const sendButton = (page: Page) => page.getByRole('button', { name: /^Send GET / });
const status = (page: Page) => page.getByTestId('response-status');

async function openConsole(page: Page) {
  await page.goto('/console?operation=listProjects');
  await expect(page.locator('[data-ready="true"]')).toBeAttached();
}

/** Every place a browser could keep a secret other than sessionStorage, and every URL of the run. */
async function outsideSessionStorage(page: Page, urls: readonly string[]): Promise<string> {
  const local = await page.evaluate(() => JSON.stringify({ ...localStorage }));
  const cookies = JSON.stringify(await page.context().cookies());
  return [local, cookies, ...urls].join('\n');
}

test('Create sandbox app → Send answers 200 with no other click', async ({ page }) => {
  await openConsole(page);
  await page.getByRole('button', { name: 'Create sandbox app' }).click();
  await expect(page.getByLabel('Current token')).toContainText('Grant: client credentials');
  await sendButton(page).click();
  await expect(status(page)).toContainText('200');
  // The token carries every scope of the app and counts down.
  await expect(page.getByLabel('Current token')).toContainText('projects:write');
  await expect(page.getByLabel('Current token').getByText(/^Expires in (59|60) min/)).toBeVisible();
});

test('a reload keeps the sandbox app and its token; a production token is gone; nothing outside sessionStorage', async ({
  page,
}) => {
  const urls: string[] = [];
  page.context().on('request', (request) => urls.push(request.url()));
  await openConsole(page);
  await page.getByRole('button', { name: 'Create sandbox app' }).click();
  await expect(page.getByLabel('Current token')).toContainText('Grant: client credentials');
  const session = await page.evaluate((key) => sessionStorage.getItem(key), SANDBOX_SESSION_KEY);
  const stored = JSON.parse(session ?? '{}') as { app?: Record<string, string>; token?: { accessToken?: string } };
  const secrets = [
    stored.app?.client_secret,
    stored.app?.personal_access_token,
    stored.app?.webhook_secret,
    stored.token?.accessToken,
  ];
  expect(secrets.every((s) => typeof s === 'string' && s.length > 8)).toBe(true);

  // A production personal access token, typed in: memory only.
  const production = 'pat_production0123456789abcdefXYZ';
  await page.getByRole('radio', { name: 'Production' }).check();
  await page.getByRole('radio', { name: 'Personal access token' }).check();
  await page.getByRole('textbox', { name: 'Personal access token' }).fill(production);
  await page.getByRole('button', { name: 'Use this token' }).click();
  await expect(page.getByLabel('Current token')).toContainText('Grant: personal access token');
  expect(await page.evaluate(() => JSON.stringify({ ...sessionStorage }))).not.toContain(production);

  await page.reload();
  await expect(page.locator('[data-ready="true"]')).toBeAttached();
  await expect(page.getByLabel('Current token')).toContainText('Grant: client credentials');
  await sendButton(page).click();
  await expect(status(page)).toContainText('200');
  const everywhere = await outsideSessionStorage(page, urls);
  for (const secret of [...secrets, production]) expect(everywhere).not.toContain(secret);
  expect(await page.evaluate(() => JSON.stringify({ ...sessionStorage }))).not.toContain(production);
  await expect(page.getByLabel('Current token')).not.toContainText('personal access token');
});

test('Forget removes the app and its token from the tab', async ({ page }) => {
  await openConsole(page);
  await page.getByRole('button', { name: 'Create sandbox app' }).click();
  await expect(page.getByLabel('Current token')).toContainText('Grant: client credentials');
  await page.getByRole('button', { name: 'Forget this app' }).click();
  await expect(page.getByText('No access token yet: requests go out without Authorization.')).toBeVisible();
  expect(await page.evaluate((key) => sessionStorage.getItem(key), SANDBOX_SESSION_KEY)).toBeNull();
  await page.reload();
  await expect(page.locator('[data-ready="true"]')).toBeAttached();
  await expect(page.getByRole('button', { name: 'Create sandbox app' })).toBeVisible();
  await expect(page.getByText('No access token yet: requests go out without Authorization.')).toBeVisible();
});

test('the home page creates the app; the console opens authorised', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('sandbox-app-start')).toHaveAttribute('data-ready', 'true');
  await page.getByRole('button', { name: 'Create sandbox app' }).click();
  await expect(page.getByText(/^Sandbox app ten_\S+ is ready/)).toBeVisible();
  await page.getByRole('link', { name: 'Open the console' }).first().click();
  await expect(page.locator('[data-ready="true"]')).toBeAttached();
  await expect(page.getByLabel('Current token')).toContainText('Grant: client credentials');
  await sendButton(page).click();
  await expect(status(page)).toContainText('200');
});

test('the quickstart creates the app in one click, and Forget brings the button back', async ({ page }) => {
  await page.goto('/docs/quickstart');
  await expect(page.getByTestId('sandbox-app-start')).toHaveAttribute('data-ready', 'true');
  await page.getByRole('button', { name: 'Create sandbox app' }).click();
  await expect(page.getByText(/^Sandbox app ten_\S+ is ready/)).toBeVisible();
  await page.getByRole('button', { name: 'Forget it' }).click();
  await expect(page.getByRole('button', { name: 'Create sandbox app' })).toBeVisible();
  expect(await page.evaluate((key) => sessionStorage.getItem(key), SANDBOX_SESSION_KEY)).toBeNull();
});

test('a token is not sent to another target than the one that issued it', async ({ page, baseURL, problems }) => {
  const port = new URL(baseURL ?? 'http://localhost:3100').port;
  await openConsole(page);
  await page.getByRole('button', { name: 'Create sandbox app' }).click();
  await expect(page.getByLabel('Current token')).toContainText('Grant: client credentials');
  await page.getByRole('radio', { name: /Custom base URL/ }).check();
  await page.getByRole('textbox', { name: 'Base URL' }).fill(`http://127.0.0.1:${port}/sandbox`);
  await expect(page.getByLabel('Current token').getByRole('alert')).toContainText(
    `not sent to http://127.0.0.1:${port}/sandbox`,
  );
  const sent = page.waitForRequest((request) => request.url().startsWith(`http://127.0.0.1:${port}/sandbox/v1/`));
  await sendButton(page).click();
  expect(await (await sent).headerValue('authorization')).toBeNull();
  await expect(status(page)).toContainText('401');
  allowConsoleErrors(problems, HTTP_ERROR_LOG);
});
