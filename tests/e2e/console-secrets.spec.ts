import { existsSync, readFileSync } from 'node:fs';

import type { Page, Request } from '@playwright/test';

import { HISTORY_KEY } from '../../lib/console/history';
import { PENDING_KEY } from '../../lib/console/oauth';
import { SANDBOX_SESSION_KEY } from '../../lib/sandbox-session';
import { allowConsoleErrors, expect, HTTP_ERROR_LOG, test } from './fixtures';

/**
 * No secret leaks after the console's flows: tokens are kept in memory only, except the sandbox app's credentials and
 * its client-credentials token, which persist for the tab (sessionStorage, SANDBOX_SESSION_KEY) and nowhere else. The run
 * creates a sandbox app (client secret, PAT, webhook secret), gets a client-credentials token, uses the
 * PAT, emits and verifies a webhook, and runs authorization code + PKCE through the consent screen in
 * the same tab. Every secret issued is collected from the responses that carried it (plus the
 * authorization code from the callback URL and the PKCE verifier from sessionStorage during the round
 * trip), then searched for in storage, cookies, every URL and request header, the history panel, the
 * page's text (tokens masked by default) and the server's log.
 *
 * The one exception, by OAuth design (RFC 6749 §4.1.2): the authorization code is in the callback URL's
 * query. It must be single-use, leave the address bar as soon as the callback runs (history.replaceState),
 * and appear in no other URL, header or storage.
 */

type Secret = { kind: string; value: string };
type SentRequest = { url: string; headers: Record<string, string> };

/** Records every request (URL + all headers) and navigation of the context, and the secrets in OAuth/app responses. */
function recorder(page: Page) {
  const secrets: Secret[] = [];
  const requests: SentRequest[] = [];
  const pending: Promise<unknown>[] = [];
  const navigations: string[] = [];
  const add = (kind: string, value: unknown) => {
    if (typeof value === 'string' && value.length >= 8) secrets.push({ kind, value });
  };
  page.context().on('request', (request: Request) => {
    pending.push(
      request
        .allHeaders()
        .then((headers) => requests.push({ url: request.url(), headers }))
        .catch(() => requests.push({ url: request.url(), headers: {} })),
    );
  });
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) navigations.push(frame.url());
  });
  page.context().on('response', (response) => {
    const path = new URL(response.url()).pathname;
    if (response.request().method() !== 'POST' || !['/sandbox/apps', '/sandbox/v1/auth/token'].includes(path)) return;
    pending.push(
      response
        .json()
        .then((body: Record<string, unknown>) => {
          for (const kind of [
            'client_secret',
            'personal_access_token',
            'webhook_secret',
            'access_token',
            'refresh_token',
          ])
            add(kind, body[kind]);
        })
        .catch(() => undefined),
    );
  });
  return { secrets, requests, navigations, add, settled: () => Promise.all(pending) };
}

/** `text` must contain none of `secrets`; the message names the place and the kind of secret. */
function expectNone(place: string, text: string, secrets: readonly Secret[]) {
  const found = secrets.filter((s) => text.includes(s.value)).map((s) => s.kind);
  expect(found, `secrets found in ${place}`).toEqual([]);
}

const sendButton = (page: Page) => page.getByRole('button', { name: /^Send GET / });
const status = (page: Page) => page.getByTestId('response-status');

async function pageText(page: Page): Promise<string> {
  return page.evaluate(() => `${document.body.innerText}\n${document.body.textContent ?? ''}\n${document.title}`);
}

async function storageDump(page: Page): Promise<string> {
  return page.evaluate(() =>
    JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie }),
  );
}

test('no token, secret, code or verifier leaks after every console flow', async ({ page, baseURL, problems }) => {
  test.setTimeout(120_000);
  const origin = baseURL ?? 'http://localhost:3100';
  const run = recorder(page);
  await page.goto('/console?operation=listProjects');
  await expect(page.locator('[data-ready="true"]')).toBeAttached();

  // Sandbox app: client secret, PAT and webhook secret are shown (masked).
  await page.getByRole('button', { name: 'Create sandbox app' }).click();
  await expect(page.getByText(/^Sandbox app .* created; its access token/)).toBeVisible();
  const tenant = (await page.getByText(/^ten_/).first().textContent()) ?? '';

  // The app's client-credentials token came with it → GET /v1/projects (a history entry).
  await sendButton(page).click();
  await expect(status(page)).toContainText('200');

  // Webhooks panel: a listen copy signed with the webhook secret, verified in the browser.
  await page.getByText('Webhooks', { exact: true }).click();
  await page.getByLabel('Event').selectOption('member.invited');
  await page.getByRole('button', { name: 'Send test event' }).click();
  await expect(page.locator('[data-verdict]').first()).toHaveText('Signature verified');

  // PAT pasted and used.
  await run.settled();
  const pat = run.secrets.find((s) => s.kind === 'personal_access_token')?.value ?? '';
  expect(pat).toMatch(/^pat_/);
  await page.getByRole('radio', { name: 'Personal access token' }).check();
  await page.getByRole('textbox', { name: 'Personal access token' }).fill(pat);
  await page.getByRole('button', { name: 'Use this token' }).click();
  await expect(page.getByLabel('Current token')).toContainText('Grant: personal access token');
  const history = page.getByRole('region', { name: 'History' });
  const entries = history.getByRole('button', { name: /^Restore / });
  await expect(entries.first()).toBeVisible();
  const before = await entries.count();
  await sendButton(page).click();
  await expect(entries).toHaveCount(before + 1);
  await expect(status(page)).toContainText('200');
  // Code for this request.
  await page.getByText('Code for this request').click();
  // The sample writes in the app's personal access token (a sandbox credential) until the reader asks for placeholders.
  await expect(page.getByRole('tabpanel').first()).toContainText(pat);
  await page.getByRole('button', { name: 'Use placeholders' }).click();
  await expect(page.getByRole('tabpanel').first()).toContainText('AETHEX_TOKEN');
  // The page then shows every secret of the app masked: none of them in its text.
  await run.settled();
  expectNone('the console page text (app + token masked)', await pageText(page), run.secrets);

  // Authorization code + PKCE in the same tab; the verifier is read from sessionStorage on the consent screen.
  await page.getByRole('radio', { name: 'Authorization code + PKCE' }).check();
  await page.getByRole('checkbox', { name: /Open the consent screen in a popup/ }).uncheck();
  await page.getByRole('button', { name: 'Authorize with the consent screen' }).click();
  const allow = page.getByRole('button', { name: 'Allow' });
  await expect(allow).toBeVisible();
  await expect(page.getByText(tenant).first()).toBeVisible();
  const pendingRaw = await page.evaluate((key) => sessionStorage.getItem(key), PENDING_KEY);
  const verifier = (JSON.parse(pendingRaw ?? '{}') as { verifier?: string }).verifier ?? '';
  expect(verifier).toMatch(/^[A-Za-z0-9._~-]{43,128}$/);
  run.add('pkce_verifier', verifier);
  await allow.click();
  await expect(page).toHaveURL(`${origin}/console`);
  await expect(page.getByLabel('Current token')).toContainText('Grant: authorization code + PKCE');
  const callbackUrl = run.navigations.find((url) => url.startsWith(`${origin}/console/callback?`)) ?? '';
  const code = new URL(callbackUrl || origin).searchParams.get('code') ?? '';
  expect(code, 'the browser visited the callback with a code').not.toBe('');
  await sendButton(page).click();
  await expect(status(page)).toContainText('200');
  await expect(entries).toHaveCount(before + 2);
  await run.settled();

  // The authorization code: single use (the exchange with the real verifier is refused the second time) ...
  const reuse = await page.request.post(`${origin}/sandbox/v1/auth/token`, {
    form: {
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier,
      redirect_uri: `${origin}/console/callback`,
      client_id: 'aethex-console',
    },
  });
  expect(reuse.status()).toBe(400);
  expect(((await reuse.json()) as { error?: string }).error).toBe('invalid_grant');
  // ... only in the callback URL itself, gone from the address bar, and in no later navigation.
  const codeUrls = [...run.navigations, ...run.requests.map((r) => r.url)].filter((url) => url.includes(code));
  expect(new Set(codeUrls), 'the code appears only in the callback URL').toEqual(new Set([callbackUrl]));
  // The callback page strips its query (the same URL may be re-committed by the router's own history write
  // first); from the first URL without the code on, no address-bar URL has it.
  const navigations = run.navigations.join('\n');
  const stripped = run.navigations.findIndex(
    (url, i) => i > run.navigations.indexOf(callbackUrl) && !url.includes(code),
  );
  expect(run.navigations[stripped], `the callback strips the code itself:\n${navigations}`).toBe(
    `${origin}/console/callback`,
  );
  for (const url of run.navigations.slice(stripped)) expect(url, navigations).not.toContain(code);
  expect(page.url()).not.toContain(code);
  const codeSecret: Secret = { kind: 'authorization_code', value: code };

  // Everything issued in the run.
  const kinds = new Set(run.secrets.map((s) => s.kind));
  for (const kind of ['client_secret', 'personal_access_token', 'webhook_secret', 'access_token', 'pkce_verifier'])
    expect(kinds, `${kind} collected`).toContain(kind);
  expect(run.secrets.filter((s) => s.kind === 'access_token')).toHaveLength(2);
  const all = [...run.secrets, codeSecret];

  // Storage and cookies (the round trip's verifier and state are deleted once the callback ran). Only the sandbox
  // app's credentials and its client-credentials token may persist, for this tab, under SANDBOX_SESSION_KEY.
  const session = await page.evaluate((key) => sessionStorage.getItem(key) ?? '', SANDBOX_SESSION_KEY);
  const [appToken, codeToken] = run.secrets.filter((s) => s.kind === 'access_token');
  const sandboxOnly = run.secrets.filter((s) =>
    ['client_secret', 'personal_access_token', 'webhook_secret'].includes(s.kind),
  );
  for (const secret of [...sandboxOnly, appToken])
    expect(session, `${secret?.kind} kept for the tab`).toContain(secret?.value);
  expectNone('the tab sandbox session', session, [
    codeSecret,
    ...run.secrets.filter((s) => s.kind === 'pkce_verifier'),
    ...(codeToken ? [codeToken] : []),
  ]);
  await page.evaluate((key) => sessionStorage.removeItem(key), SANDBOX_SESSION_KEY);
  const storage = await storageDump(page);
  expect(storage).not.toContain(PENDING_KEY);
  expectNone('localStorage/sessionStorage/document.cookie', storage, all);
  expectNone('context cookies', JSON.stringify(await page.context().cookies()), all);

  // History: its panel's text and its sessionStorage entry.
  await expect(history).toContainText('/v1/projects');
  expectNone('the history panel', await history.innerText(), all);
  const stored = await page.evaluate((key) => sessionStorage.getItem(key), HISTORY_KEY);
  expect(stored).toContain('/v1/projects');
  expectNone('the history in sessionStorage', stored ?? '', all);

  // URLs: no secret in any URL visited or requested (the callback URL's code excepted, as above); tokens
  // only ever travel in the Authorization header, never in a URL or another header.
  const urls = [...run.navigations, ...run.requests.map((r) => r.url)];
  expectNone('URLs', urls.filter((url) => url !== callbackUrl).join('\n'), all);
  expectNone('the callback URL (other than its code)', callbackUrl, run.secrets);
  for (const request of run.requests) {
    const { authorization, ...others } = request.headers;
    expectNone(`request headers of ${request.url}`, JSON.stringify(others), all);
    if (authorization !== undefined)
      expectNone(`the Authorization header of ${request.url}`, authorization, [
        codeSecret,
        ...run.secrets.filter((s) => s.kind === 'pkce_verifier'),
      ]);
  }
  const apiCalls = run.requests.filter((r) => new URL(r.url).pathname === '/sandbox/v1/projects');
  expect(apiCalls).toHaveLength(3);
  const bearers = apiCalls.map((r) => r.headers.authorization ?? '');
  const tokens = [...run.secrets.filter((s) => s.kind === 'access_token').map((s) => s.value), pat];
  expect(bearers.sort()).toEqual(tokens.map((t) => `Bearer ${t}`).sort());

  // The page text, tokens masked by default.
  await page.getByText('Code for this request').click();
  await expect(page.getByRole('tabpanel').first()).toContainText('AETHEX_TOKEN');
  expectNone('the console page text after the authorization code flow', await pageText(page), all);

  // The server's log (next start's stdout + stderr, see playwright.config.ts).
  const log = process.env.E2E_SERVER_LOG ?? '';
  expect(
    existsSync(log),
    `server log ${log} exists (a reused server started outside Playwright has none: stop it)`,
  ).toBe(true);
  const logText = readFileSync(log, 'utf8');
  expect(logText, 'the log is the live next start output').toMatch(/Ready|next start|Local:/);
  expectNone(`the server log ${log}`, logText, all);

  allowConsoleErrors(problems, HTTP_ERROR_LOG);
});
