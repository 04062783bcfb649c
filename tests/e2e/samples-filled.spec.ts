/**
 * Samples filled with the tab's sandbox app: copied from /reference/listProjects, the cURL, Python and Go samples run
 * as pasted with no AETHEX_ variable and list the app's projects; "Use placeholders" and forgetting the app bring the
 * environment variables back; no secret ever appears in a URL.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { Page } from '@playwright/test';

import { runSource, sampleEnv } from '../../scripts/samples/process';
import { expect, storeSandboxApp, test } from './fixtures';

const PATH = '/reference/listProjects';

/** Selects `label` in the page's first sample group and returns what its Copy button puts on the clipboard. */
async function copied(page: Page, label: string): Promise<string> {
  const group = page.locator('.code-tabs').first();
  await group.getByRole('tab', { name: label, exact: true }).click();
  await group.getByRole('button', { name: `Copy ${label} sample` }).click();
  return page.evaluate(() => navigator.clipboard.readText());
}

test('samples carry the sandbox app until the reader asks for placeholders', async ({ page, context }) => {
  test.setTimeout(300_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const urls: string[] = [];
  page.on('request', (request) => urls.push(request.url()));
  await page.goto(PATH);
  await expect(page.getByText('Using your sandbox app')).toHaveCount(0); // no app: samples as always
  const app = await storeSandboxApp(page);
  const marker = page.locator('[data-sample-fill]').first();
  await expect(marker).toBeVisible();
  await expect(marker).toContainText(`Using your sandbox app ${app.tenant_id.slice(0, 8)}…`);
  const projects = (await (
    await page.request.get(`${app.baseUrl}/v1/projects`, {
      headers: { authorization: `Bearer ${app.personal_access_token}` },
    })
  ).json()) as { id: string }[];
  const projectId = projects[0]?.id ?? 'none';

  const work = mkdtempSync(path.join(tmpdir(), 'aethex-filled-'));
  mkdirSync(path.join(work, 'home'));
  const goCache = path.resolve('node_modules/.cache/run-samples/go-build');
  mkdirSync(goCache, { recursive: true });
  try {
    for (const [label, lang] of [
      ['cURL', 'curl'],
      ['Python', 'python'],
      ['Go', 'go'],
    ] as const) {
      const source = await copied(page, label);
      expect(source).not.toMatch(/AETHEX_|AETHEXFILL/);
      expect(source).toContain(app.personal_access_token);
      const dir = mkdtempSync(path.join(work, `${lang}-`));
      // sampleEnv: PATH, locale, HOME and Go's caches only; no AETHEX_ variable.
      const { result } = await runSource(lang, source, dir, sampleEnv(work, goCache, {}));
      expect(result.stdout, `${label}: ${result.stderr}`).toMatch(/^HTTP 200\s*$/m);
      expect(result.stdout, label).toContain(projectId);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }

  await marker.getByRole('button', { name: 'Use placeholders' }).click();
  await expect(marker).toContainText('Placeholders shown');
  await expect(marker.getByRole('button', { name: /Use my sandbox app/ })).toBeVisible();
  expect(await copied(page, 'cURL')).toContain('$AETHEX_TOKEN');
  await marker.getByRole('button', { name: /Use my sandbox app/ }).click();
  expect(await copied(page, 'cURL')).toContain(app.personal_access_token);

  // Forgetting the app: samples read the environment again and the marker goes.
  await page.evaluate(() => window.sessionStorage.removeItem('aethex:sandbox-session'));
  await page.reload();
  await expect(page.locator('[data-sample-fill]')).toHaveCount(0);
  expect(await copied(page, 'cURL')).toContain('$AETHEX_TOKEN');

  const secrets = [app.personal_access_token, app.client_secret, app.webhook_secret];
  expect(urls.filter((url) => secrets.some((secret) => url.includes(secret)))).toEqual([]);
});

test("the webhook receivers carry the app's signing secret", async ({ page }) => {
  await page.goto('/docs/webhooks');
  const app = await storeSandboxApp(page);
  const group = page.locator('.code-tabs').filter({ hasText: 'Verify a delivery' });
  await expect(group.locator('[data-sample-fill]')).toBeVisible();
  await group.getByRole('tab', { name: 'Python', exact: true }).click();
  // The app's secret is only the default: a receiver started with an endpoint's secret in the variable uses that.
  await expect(group.getByRole('tabpanel')).toContainText(
    `os.environ.get("AETHEX_WEBHOOK_SECRET", "${app.webhook_secret}")`,
  );
});

for (const where of ['/docs/webhooks', '/reference/webhooks/member.invited'])
  test(`the webhook loop commands on ${where} carry the app's token and base URL, like the samples`, async ({
    page,
  }) => {
    await page.goto(where);
    const loop = page.locator('[data-webhook-loop]');
    const listen = loop.locator('figure').filter({ hasText: 'sandbox:listen' });
    const trigger = loop.locator('figure').filter({ hasText: '/webhooks/emit' });
    // No app: this portal's sandbox, AETHEX_TOKEN read from the environment and explained.
    await expect(loop.locator('[data-sample-fill]')).toHaveCount(0);
    await expect(trigger).toContainText('"Authorization: Bearer $AETHEX_TOKEN"');
    await expect(listen).toContainText("export AETHEX_TOKEN='pat_…'");
    const app = await storeSandboxApp(page);
    await expect(loop.locator('[data-sample-fill]')).toContainText('Using your sandbox app');
    await expect(listen).toContainText(`AETHEX_BASE_URL='${app.baseUrl.replace(/\/+$/, '')}'`);
    await expect(listen).toContainText(`AETHEX_TOKEN='${app.personal_access_token}'`);
    await expect(trigger).toContainText(`'Authorization: Bearer ${app.personal_access_token}'`);
    await expect(loop).not.toContainText('$AETHEX_TOKEN');
    // The same switch as every sample: placeholders bring the variable back.
    await loop.getByRole('button', { name: 'Use placeholders' }).click();
    await expect(trigger).toContainText('$AETHEX_TOKEN');
    await expect(loop).not.toContainText(app.personal_access_token);
    await loop.getByRole('button', { name: /Use my sandbox app/ }).click();
  });

test('guides name the origin the portal runs on', async ({ page, baseURL }) => {
  await page.goto('/docs/quickstart');
  await expect(page.getByText(`${baseURL}/sandbox/apps`).first()).toBeVisible();
  await expect(page.locator('main')).not.toContainText('localhost:3000');
});
