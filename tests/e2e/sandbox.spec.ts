import { createServer } from 'node:http';

import AxeBuilder from '@axe-core/playwright';
import type { APIRequestContext } from '@playwright/test';

import { listOperations } from '../../lib/openapi';
import { allowConsoleErrors, expect, test } from './fixtures';

/** The sandbox mounted in `next start`: the consent screen in a real browser, and cross-origin header reads. */
// Any loopback redirect URI is accepted for a tenant's client (RFC 8252 §7.3); the test intercepts it.
const CALLBACK = 'http://127.0.0.1:8123/callback';

async function createApp(request: APIRequestContext) {
  const response = await request.post('/sandbox/apps', { data: { name: 'E2E app' } });
  expect(response.status()).toBe(201);
  return (await response.json()) as {
    tenant_id: string;
    client_id: string;
    client_secret: string;
    personal_access_token: string;
  };
}

const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

/**
 * The consent screen's URL for the app's own client, with a login ticket from the app's personal access token so the
 * screen knows the app (without one it asks for the token).
 */
async function authorizeUrl(
  request: APIRequestContext,
  app: { client_id: string; personal_access_token: string },
): Promise<string> {
  const issued = await request.post('/sandbox/oauth/login-ticket', {
    headers: { Authorization: `Bearer ${app.personal_access_token}` },
    data: { code_challenge: CHALLENGE },
  });
  expect(issued.status()).toBe(201);
  const { login_ticket: ticket } = (await issued.json()) as { login_ticket: string };
  return `/sandbox/oauth/authorize?${new URLSearchParams({
    response_type: 'code',
    client_id: app.client_id,
    redirect_uri: CALLBACK,
    state: 'e2e-state',
    scope: 'projects:read metrics:read',
    code_challenge: CHALLENGE,
    code_challenge_method: 'S256',
    login_ticket: ticket,
  })}`;
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`consent screen passes axe (WCAG 2.2 AA) in ${colorScheme} mode`, async ({ page, request }) => {
    const app = await createApp(request);
    await page.emulateMedia({ colorScheme });
    const response = await page.goto(await authorizeUrl(request, app));
    expect(response?.status()).toBe(200);
    expect(response?.headers()['x-frame-options']).toBe('DENY');
    expect(response?.headers()['referrer-policy']).toBe('no-referrer');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Authorize E2E app');
    await expect(page.getByText('List projects and read their settings.')).toBeVisible();
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      .analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });

  test(`consent screen asking for the personal access token passes axe in ${colorScheme} mode; a wrong token is an alert`, async ({
    page,
    request,
    problems,
  }) => {
    const app = await createApp(request);
    await page.emulateMedia({ colorScheme });
    await page.goto((await authorizeUrl(request, app)).replace(/&login_ticket=[^&]+/, ''));
    const field = page.getByLabel('Personal access token');
    await expect(field).toHaveAttribute('type', 'password');
    await field.fill('pat_wrong');
    await page.getByRole('button', { name: 'Allow' }).click();
    await expect(page.getByRole('alert')).toContainText('not the personal access token of this sandbox app');
    // The refused decision is a 400 page; Chromium logs the status as a console error.
    allowConsoleErrors(problems, /status of 400/);
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      .analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });
}

test('consent screen works with the keyboard only: Tab to Allow, visible focus, Enter redirects with code, state and iss', async ({
  page,
  request,
  baseURL,
}) => {
  const app = await createApp(request);
  // A real loopback client receiving the redirect (Playwright does not intercept redirected navigations).
  const client = createServer((_req, res) =>
    res
      .writeHead(200, { 'Content-Type': 'text/html' })
      .end('<!doctype html><link rel="icon" href="data:,"><title>callback</title><p>ok</p>'),
  );
  await new Promise<void>((resolve) => client.listen(8123, '127.0.0.1', resolve));
  await page.goto(await authorizeUrl(request, app));
  let focused = '';
  for (let i = 0; i < 10 && focused !== 'Allow'; i += 1) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => document.activeElement?.textContent ?? '');
  }
  expect(focused).toBe('Allow');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
  expect(outline).not.toBe('none');
  await Promise.all([page.waitForURL(`${CALLBACK}**`), page.keyboard.press('Enter')]);
  const url = new URL(page.url());
  expect(url.searchParams.get('code')).toMatch(/^ac_/);
  expect(url.searchParams.get('state')).toBe('e2e-state');
  expect(url.searchParams.get('iss')).toBe(`${baseURL}/sandbox`);
  await new Promise((resolve) => client.close(resolve));
});

test('a page on 127.0.0.1 reads X-Request-ID and X-RateLimit-* from the sandbox on localhost (CORS)', async ({
  page,
  request,
  baseURL,
  problems,
}) => {
  const app = await createApp(request);
  const port = new URL(baseURL!).port;
  // A real document on the other origin (a JSON response without CSP), so Chromium sees a loopback page calling
  // loopback: no Local Network Access prompt, only CORS decides.
  await page.goto(`http://127.0.0.1:${port}/sandbox/.well-known/oauth-authorization-server`);
  const read = await page.evaluate(
    async ({ url, token }) => {
      const response = await fetch(url, {
        headers: { Authorization: `Bearer ${token}`, 'X-Request-ID': 'e2e-cors-1', 'AeThex-Environment': 'production' },
      });
      return {
        status: response.status,
        requestId: response.headers.get('X-Request-ID'),
        limit: response.headers.get('X-RateLimit-Limit'),
        remaining: response.headers.get('X-RateLimit-Remaining'),
        reset: response.headers.get('X-RateLimit-Reset'),
        link: response.headers.get('Link'),
        total: response.headers.get('X-Total-Count'),
      };
    },
    { url: `http://localhost:${port}/sandbox/v1/projects?limit=25`, token: app.personal_access_token },
  );
  expect(read.status).toBe(200);
  expect(read.requestId).toBe('e2e-cors-1');
  expect(read.limit).toBe('100');
  expect(Number(read.remaining)).toBeGreaterThan(0);
  expect(Number(read.reset)).toBeGreaterThan(Date.now() / 1000 - 5);
  expect(read.link).toContain('rel="next"');
  expect(read.total).toBe('60');
  // The JSON document has no favicon: Chromium logs that 404 itself; nothing else may be logged.
  allowConsoleErrors(problems, /404 \(Not Found\)/);
});

test('next start hands every path and method of the document to the sandbox: fixed-path route files and the catch-all alike', async ({
  request,
}) => {
  const app = await createApp(request);
  const headers = { Authorization: `Bearer ${app.personal_access_token}` };
  const documented = new Map<string, Set<string>>();
  for (const operation of listOperations())
    documented.set(operation.path, (documented.get(operation.path) ?? new Set()).add(operation.method));
  for (const [template, methods] of documented) {
    const url = `/sandbox${template.replace(/\{[^}]+\}/g, 'prj_e2e_missing')}`;
    for (const method of ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']) {
      const response = await request.fetch(url, { method, headers, maxRedirects: 0 });
      const label = `${method} ${url}: ${response.status()}`;
      // Only the sandbox sets X-Request-ID: a Next 404 page or 405 would not carry it.
      expect(response.headers()['x-request-id'], label).toMatch(/\S/);
      expect(response.status(), label).toBeLessThan(500);
      if (method === 'OPTIONS') expect(response.status(), label).toBe(204);
      else if (methods.has(method) || (method === 'HEAD' && methods.has('GET'))) {
        expect(response.status(), label).not.toBe(405);
        if (!template.includes('{')) expect(response.status(), label).not.toBe(404);
      } else {
        expect(response.status(), label).toBe(405);
        expect(response.headers()['allow']?.split(', '), label).toEqual(expect.arrayContaining([...methods]));
      }
    }
  }
  const unknown = await request.get('/sandbox/v1/projects/prj_1/unknown', { headers });
  expect(unknown.status()).toBe(404);
  expect(unknown.headers()['content-type']).toContain('application/problem+json');
  expect(((await unknown.json()) as { detail: string }).detail).toContain(
    'No operation matches GET /sandbox/v1/projects/prj_1/unknown',
  );
});
