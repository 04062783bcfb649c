import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

import { PENDING_KEY } from '../../lib/console/oauth';
import { SANDBOX_SESSION_KEY } from '../../lib/sandbox-session';
import { allowConsoleErrors, expect, HTTP_ERROR_LOG, test } from './fixtures';

/**
 * The try-it console against the real sandbox in `next start`: tokens, requests, the headers that matter,
 * error hints, 429/503, cross-origin, webhooks, and no token left in storage, cookies or URLs.
 */

async function openConsole(page: Page, url = '/console?operation=listProjects') {
  await page.goto(url);
  await expect(page.locator('[data-ready="true"]')).toBeAttached();
}

async function createApp(page: Page) {
  await page.getByRole('button', { name: 'Create sandbox app' }).click();
  await expect(
    page.getByText(/^Sandbox app .* created; its access token \(every scope\) is now in use\.$/),
  ).toBeVisible();
}

async function clientCredentialsToken(page: Page, withoutScopes: string[] = []) {
  await page.getByRole('radio', { name: 'Client credentials' }).check();
  for (const scope of withoutScopes) await page.getByRole('checkbox', { name: new RegExp(`^${scope}`) }).uncheck();
  await page.getByRole('button', { name: 'Get access token' }).click();
  await expect(page.getByText(/^Access token received/)).toBeVisible();
}

async function revealedToken(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Reveal Access token' }).click();
  const token = (await page.getByLabel('Current token').locator('code').first().textContent()) ?? '';
  await page.getByRole('button', { name: 'Hide Access token' }).click();
  expect(token).toMatch(/^\S{16,}$/);
  return token;
}

/**
 * `token` is in no storage, cookie or URL; a sandbox app's client-credentials token may persist for the tab, under
 * SANDBOX_SESSION_KEY only (`sandboxToken`).
 */
async function expectNoTokenLeft(page: Page, token: string, visited: string[], sandboxToken = false) {
  const kept = await page.evaluate((key) => sessionStorage.getItem(key) ?? '', SANDBOX_SESSION_KEY);
  expect(kept.includes(token), 'kept for the tab only when it is the sandbox app token').toBe(sandboxToken);
  const storage = await page.evaluate((key) => {
    const session: Record<string, string> = { ...sessionStorage };
    delete session[key];
    return JSON.stringify({ local: { ...localStorage }, session });
  }, SANDBOX_SESSION_KEY);
  expect(storage).not.toContain(token);
  expect(JSON.stringify(await page.context().cookies())).not.toContain(token);
  for (const url of visited) expect(url).not.toContain(token);
}

function recordUrls(page: Page): string[] {
  const urls: string[] = [];
  page.context().on('request', (request) => urls.push(request.url()));
  page.context().on('page', (popup) => popup.on('framenavigated', (frame) => urls.push(frame.url())));
  page.on('framenavigated', (frame) => urls.push(frame.url()));
  return urls;
}

const sendButton = (page: Page) => page.getByRole('button', { name: /^Send (GET|POST) / });
const status = (page: Page) => page.getByTestId('response-status');

test('sandbox app → client credentials → GET /v1/projects shows rate limit, request ID and pages', async ({ page }) => {
  const visited = recordUrls(page);
  await openConsole(page);
  await createApp(page);
  await clientCredentialsToken(page);
  await expect(page.getByText(/^Expires in /)).toBeVisible();
  await sendButton(page).click();
  await expect(status(page)).toContainText('200');
  await expect(page.getByTestId('rate-remaining')).toHaveText(/^\d+$/);
  await expect(page.getByTestId('request-id')).toHaveText(/\S+/);
  await expect(page.getByRole('table').getByRole('rowheader', { name: 'x-ratelimit-remaining' })).toBeVisible();
  await expect(page.getByTestId('page-info')).toHaveText(/Page 1 of 3 · 60 items/);
  await page.getByRole('button', { name: 'Next page' }).click();
  await expect(page.getByTestId('page-info')).toHaveText(/Page 2 of 3/);
  await expect(page.getByRole('button', { name: /Restore GET \/v1\/projects\?page=2/ })).toBeVisible();
  await page.getByText('Code for this request').click();
  await expect(page.getByRole('tab', { name: 'cURL' })).toBeVisible();
  // The code is the request sent: the target's base URL and the sandbox app's token written in.
  const token = await revealedToken(page);
  const sample = page.getByRole('tabpanel').first();
  await expect(sample).toContainText(`Authorization: Bearer ${token}`);
  await expect(sample).toContainText(`${new URL(page.url()).origin}/sandbox/v1/projects?page=2&limit=25`);
  await expect(sample).not.toContainText('AETHEX_');
  await expect(page.getByText('Using your sandbox app')).toBeVisible();
  await expectNoTokenLeft(page, token, visited, true);
});

test('authorization code + PKCE in a popup → POST /v1/projects → 201, then replayed', async ({ page, problems }) => {
  const visited = recordUrls(page);
  await openConsole(page, '/console?operation=createProject');
  await createApp(page);
  await page.getByRole('radio', { name: 'Authorization code + PKCE' }).check();
  const popupPromise = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Authorize with the consent screen' }).click();
  const popup = await popupPromise;
  await popup.getByRole('button', { name: 'Allow' }).click();
  await expect(page.getByText(/^Access token received/)).toBeVisible();
  await expect(page.getByLabel('Current token')).toContainText('Grant: authorization code + PKCE');
  expect(await page.evaluate(() => Object.keys(sessionStorage))).not.toContain(PENDING_KEY);
  await page.getByRole('button', { name: 'Generate' }).click();
  await expect(page.getByLabel(/Idempotency-Key/)).toHaveValue(/^"[0-9a-f-]{36}"$/);
  await sendButton(page).click();
  await expect(status(page)).toContainText('201');
  await expect(page.getByText(/^Replayed/)).toHaveCount(0);
  await sendButton(page).click();
  await expect(page.getByText(/^Replayed/)).toBeVisible();
  await expect(status(page)).toContainText('201');
  await expectNoTokenLeft(page, await revealedToken(page), visited);
  allowConsoleErrors(problems, HTTP_ERROR_LOG);
});

test('authorization code + PKCE in the same tab comes back to /console with the token in memory', async ({ page }) => {
  const visited = recordUrls(page);
  await openConsole(page);
  await createApp(page);
  await page.getByRole('radio', { name: 'Authorization code + PKCE' }).check();
  await page.getByRole('checkbox', { name: /Open the consent screen in a popup/ }).uncheck();
  await page.getByRole('button', { name: 'Authorize with the consent screen' }).click();
  await page.getByRole('button', { name: 'Allow' }).click();
  await expect(page).toHaveURL(/\/console$/);
  await expect(page.getByLabel('Current token')).toContainText('Grant: authorization code + PKCE');
  expect(await page.evaluate(() => Object.keys(sessionStorage))).not.toContain(PENDING_KEY);
  // The sandbox app survived the round trip (it lives in the tab's session, not in the page's memory).
  await expect(page.getByRole('button', { name: 'Forget this app' })).toBeVisible();
  await sendButton(page).click();
  await expect(status(page)).toContainText('200');
  await expectNoTokenLeft(page, await revealedToken(page), visited);
});

test('a wrong client secret is explained as the OAuth error, with no Basic-auth dialog', async ({ page, problems }) => {
  await openConsole(page);
  await createApp(page);
  await page.getByRole('radio', { name: 'Client credentials' }).check();
  await page.getByLabel('Client secret').fill('cs_wrong');
  // Playwright never reports an HTTP auth prompt as a `dialog` event: what makes browsers show one is a Basic
  // challenge on the page's own request, so that is what is observed.
  const tokenResponse = page.waitForResponse(
    (response) =>
      new URL(response.url()).pathname === '/sandbox/v1/auth/token' && response.request().method() === 'POST',
  );
  await page.getByRole('button', { name: 'Get access token' }).click();
  const response = await tokenResponse;
  expect(response.status()).toBe(401);
  expect(await response.request().headerValue('authorization')).toMatch(/^Basic /);
  expect(await response.headerValue('www-authenticate'), 'a Basic challenge would open the login dialog').toBeNull();
  await expect(page.getByText(/^Token request failed: 401 invalid_client: /)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Get access token' })).toBeEnabled();
  allowConsoleErrors(problems, HTTP_ERROR_LOG);
});

test('a token without projects:write gets 403 with the error table hint', async ({ page, problems }) => {
  await openConsole(page, '/console?operation=createProject');
  await createApp(page);
  await clientCredentialsToken(page, ['projects:write']);
  await sendButton(page).click();
  await expect(status(page)).toContainText('403');
  const note = page.getByRole('note', { name: 'What this error means' });
  await expect(note).toContainText('The identity lacks the required scope');
  await expect(note.getByRole('link', { name: '403 in the error reference' })).toHaveAttribute(
    'href',
    '/reference/errors#403',
  );
  allowConsoleErrors(problems, HTTP_ERROR_LOG);
});

async function sendAndWait(page: Page) {
  const restore = page.getByRole('button', { name: /^Restore / });
  const before = await restore.count();
  await sendButton(page).click();
  await expect(restore).toHaveCount(before + 1);
}

test('exhausting the rate limit → 429 with a Retry-After countdown and backoff advice', async ({ page, problems }) => {
  await openConsole(page);
  await createApp(page);
  await clientCredentialsToken(page);
  await page.getByText('Sandbox controls (try 429 and 503)').click();
  await page.getByLabel('Limit', { exact: true }).fill('2');
  await page.getByRole('button', { name: 'Set rate limit' }).click();
  await expect(page.getByText('Rate limit updated.')).toBeVisible();
  for (let i = 0; i < 5; i++) {
    await sendAndWait(page);
    if ((await status(page).textContent())?.includes('429')) break;
  }
  await expect(status(page)).toContainText('429');
  await expect(page.getByTestId('retry-countdown')).toHaveText(/\d+ s|\d+ min/);
  await expect(page.getByText(/Backoff advice/)).toBeVisible();
  await expect(page.getByRole('note', { name: 'What this error means' })).toContainText('Too Many Requests');
  allowConsoleErrors(problems, HTTP_ERROR_LOG);
});

test('the maintenance switch → 503 with Retry-After and the hint', async ({ page, problems }) => {
  await openConsole(page);
  await createApp(page);
  await clientCredentialsToken(page);
  await page.getByText('Sandbox controls (try 429 and 503)').click();
  await page.getByRole('button', { name: 'Start maintenance' }).click();
  await expect(page.getByText('Maintenance on.')).toBeVisible();
  await sendAndWait(page);
  await expect(status(page)).toContainText('503');
  await expect(page.getByRole('note', { name: 'What this error means' })).toContainText('Service Unavailable');
  await expect(page.getByTestId('retry-countdown')).toBeVisible();
  await page.getByRole('button', { name: 'End maintenance' }).click();
  await expect(page.getByText('Maintenance off.')).toBeVisible();
  await sendAndWait(page);
  await expect(status(page)).toContainText('200');
  allowConsoleErrors(problems, HTTP_ERROR_LOG);
});

test('console on 127.0.0.1 with a custom target on localhost still shows every header', async ({ page, baseURL }) => {
  const port = new URL(baseURL ?? 'http://localhost:3100').port;
  await openConsole(page, `http://127.0.0.1:${port}/console?operation=listProjects`);
  await page.getByRole('radio', { name: /Custom base URL/ }).check();
  await page.getByRole('textbox', { name: 'Base URL' }).fill(`http://localhost:${port}/sandbox`);
  await createApp(page);
  await clientCredentialsToken(page);
  await sendButton(page).click();
  await expect(status(page)).toContainText('200');
  const headers = page.getByRole('table');
  for (const name of [
    'x-request-id',
    'x-ratelimit-limit',
    'x-ratelimit-remaining',
    'x-ratelimit-reset',
    'link',
    'x-total-count',
  ]) {
    await expect(headers.getByRole('rowheader', { name, exact: true })).toBeVisible();
  }
  await expect(page.getByTestId('request-id')).toHaveText(/\S+/);
});

test('Webhooks panel: a member.invited listen copy verifies in the browser; one changed byte does not', async ({
  page,
}) => {
  await openConsole(page);
  await createApp(page);
  await page.getByText('Webhooks', { exact: true }).click();
  const panel = page.locator('#webhooks-title').locator('..');
  await panel.getByLabel('Event').selectOption('member.invited');
  await panel.getByRole('button', { name: 'Send test event' }).click();
  const delivery = panel.locator('[data-delivery]').filter({ hasText: 'sandbox:listen' }).first();
  await expect(delivery).toContainText('member.invited');
  await expect(delivery.locator('[data-verdict]')).toHaveText('Signature verified');
  await delivery.getByText('Headers, body and attempts').click();
  await expect(delivery.getByLabel(/^Headers of dlv_/)).toContainText(/webhook-signature: v1,/);
  await expect(delivery.getByLabel(/^Body of dlv_/)).toContainText('"member.invited"');
  await delivery.getByRole('checkbox', { name: /^Check with one byte changed/ }).check();
  await expect(delivery.locator('[data-verdict]')).toHaveText(/^With one byte changed: Signature does not match/);
  await expect(panel.getByRole('link', { name: 'Python' })).toHaveAttribute(
    'href',
    '/docs/webhooks#verifying-signatures',
  );
});

test('the body is checked against the schema before sending; an unreachable host is explained in words', async ({
  page,
  problems,
}) => {
  await openConsole(page, '/console?operation=createProject');
  await page.getByLabel(/^Request body/).fill('{"name": "", "colour": "red"}');
  await sendButton(page).click();
  await expect(page.getByText(/The body does not match the schema/)).toBeVisible();
  await expect(page.locator('#body-problems')).toContainText('/name');
  await expect(page.getByRole('button', { name: 'Send anyway' })).toBeVisible();
  await expect(status(page)).toHaveCount(0);

  await page.getByRole('radio', { name: /Custom base URL/ }).check();
  await page.getByRole('textbox', { name: 'Base URL' }).fill('http://127.0.0.1:9/sandbox');
  await page.getByRole('button', { name: 'Send anyway' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'No response' })).toContainText('Could not reach 127.0.0.1:9');
  allowConsoleErrors(problems, /Failed to load resource: net::ERR_/); // the browser logs the failed connection itself
});

for (const scheme of ['light', 'dark'] as const) {
  test(`the console with an error response has no axe violations (WCAG 2.2 AA, ${scheme})`, async ({
    page,
    problems,
  }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await openConsole(page, '/console?operation=createProject');
    await createApp(page);
    await clientCredentialsToken(page, ['projects:write']);
    await sendButton(page).click();
    await expect(status(page)).toContainText('403');
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      .analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    allowConsoleErrors(problems, HTTP_ERROR_LOG);
  });
}
