import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';

import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';

import { SANDBOX_SESSION_KEY } from '../../lib/sandbox-session';
import { webhookVerifySnippets } from '../../lib/snippets/webhook-verify';
import { allowConsoleErrors, expect, HTTP_ERROR_LOG, test } from './fixtures';

/**
 * The console's Webhooks panel against `next start` with the mounted sandbox (issue #19, item 5): a sandbox app with no
 * endpoint gets its listen copy live in the inbox, verified in the browser; an endpoint whose host fails DNS gets a
 * failed attempt said in words; replay adds an attempt with the same webhook-id; the panel passes axe in both themes.
 */

const UNREACHABLE = 'https://receiver.invalid/webhooks';

async function openPanel(page: Page): Promise<Locator> {
  await page.goto('/console');
  await expect(page.locator('[data-ready="true"]')).toBeAttached();
  await page.getByRole('button', { name: 'Create sandbox app' }).click();
  await expect(page.getByText(/^Sandbox app .* created/)).toBeVisible();
  await page.getByText('Webhooks', { exact: true }).click();
  const panel = page.locator('details').filter({ has: page.locator('#webhooks-title') });
  await expect(panel.locator('[data-connection="live"]')).toBeVisible();
  return panel;
}

/** Every process a test started (each the leader of its own group), stopped after the test. */
const started: ChildProcess[] = [];
test.afterEach(() => {
  for (const child of started.splice(0)) if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
});

type App = { baseUrl: string; personal_access_token: string; webhook_secret: string };

/** The tab's sandbox app (its personal access token holds sandbox:manage). */
async function app(page: Page): Promise<App> {
  const raw = await page.evaluate((key) => sessionStorage.getItem(key) ?? '{}', SANDBOX_SESSION_KEY);
  return (JSON.parse(raw) as { app: App }).app;
}

/** Starts `command` in a shell from the repository root; resolves at once, or once its output matches `ready`. */
function start(command: string, env: Record<string, string>, output: string[], ready?: RegExp): Promise<ChildProcess> {
  const child = spawn('sh', ['-c', command], { env: { ...process.env, ...env }, detached: true });
  started.push(child);
  return new Promise((resolve, reject) => {
    if (!ready) resolve(child);
    const timer = ready && setTimeout(() => reject(new Error(`not ready: ${command}\n${output.join('')}`)), 30_000);
    const read = (chunk: Buffer) => {
      output.push(chunk.toString());
      if (ready?.test(output.join(''))) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
  });
}

test('a listen copy arrives live and verified; a DNS failure is said in words; replay, rotation (two signatures, verified) and a refused replay', async ({
  page,
  problems,
}) => {
  test.setTimeout(90_000);
  const panel = await openPanel(page);
  await expect(panel.getByText(/^None yet\./)).toBeVisible();

  // Triggered from outside the page: only the inbox stream can bring it.
  const { baseUrl, personal_access_token: pat } = await app(page);
  const emitted = await page.request.post(`${baseUrl}/webhooks/emit`, {
    headers: { Authorization: `Bearer ${pat}` },
    data: { event: 'deployment.succeeded' },
  });
  expect(emitted.status()).toBe(200);
  const webhookId = ((await emitted.json()) as { webhook_id: string }).webhook_id;
  const listen = panel.locator('[data-delivery]').filter({ hasText: webhookId });
  await expect(listen).toContainText('deployment.succeeded → sandbox:listen');
  await expect(listen.locator('[data-verdict]')).toHaveText('Signature verified');
  await expect(panel.getByRole('status').filter({ hasText: /New deployment\.succeeded delivery/ })).toBeAttached();

  // Bad input is explained next to its field; nothing is added.
  const url = panel.getByRole('textbox', { name: 'Endpoint URL' });
  await url.fill('ftp://receiver.invalid/webhooks');
  await panel.getByRole('button', { name: 'Add endpoint' }).click();
  const alert = panel.getByRole('alert').filter({ hasText: /^Not added: / });
  await expect(alert).toBeVisible();
  await expect(url).toHaveAttribute('aria-invalid', 'true');
  // In words for a form: no JSON pointer, no request-body hint, and said once (by the field, not again below).
  const fieldError = panel.locator('#endpoint-url-error');
  await expect(fieldError).toHaveText(/^The URL /);
  const said = (await fieldError.textContent()) ?? '';
  for (const text of [fieldError, alert]) await expect(text).not.toContainText(/\/url|Send \{/);
  await expect(alert).not.toContainText(said);

  // An endpoint whose host does not resolve, every event ticked by default.
  await url.fill(UNREACHABLE);
  for (const box of await panel.getByRole('group', { name: 'Events' }).getByRole('checkbox').all())
    await expect(box).toBeChecked();
  await panel.getByRole('button', { name: 'Add endpoint' }).click();
  const endpoint = panel.getByRole('listitem').filter({ hasText: UNREACHABLE }).first();
  await expect(endpoint).toContainText('Enabled');
  await expect(endpoint.getByLabel('Signing secret (hidden)')).toHaveText(/^whse•+.{4}$/);

  await panel.getByLabel('Event').selectOption('member.invited');
  await panel.getByRole('button', { name: 'Send test event' }).click();
  await expect(panel.getByText(/^Sent member\.invited as msg_\S+: 2 deliveries\.$/)).toBeVisible();
  const failed = panel.locator('[data-delivery]').filter({ hasText: `member.invited → ${UNREACHABLE}` });
  await failed.getByText('Headers, body and attempts').click();
  await expect(failed).toContainText(/DNS lookup of receiver\.invalid failed/, { timeout: 20_000 });
  await expect(failed).toContainText(/#1 · schedule · .* · no response/);
  await expect(failed.getByText(`to ${UNREACHABLE}`).first()).toBeVisible();
  await expect(failed.locator('[data-verdict]')).toHaveText('Signature verified');

  // Replay: one more attempt at once, same webhook-id.
  await failed.getByRole('button', { name: /^Replay / }).click();
  await expect(failed.getByText(/^Replayed with the same webhook-id msg_/)).toBeVisible();
  await expect(failed).toContainText(/#\d+ · replay · /, { timeout: 20_000 });

  // Rotation: the next delivery carries two signatures and still verifies against the endpoint's new secret.
  await endpoint.getByRole('button', { name: /^Rotate secret / }).click();
  await expect(endpoint).toContainText('The previous secret also signs (two signatures per delivery) until');
  await panel.getByLabel('Event').selectOption('incident.opened');
  await panel.getByRole('button', { name: 'Send test event' }).click();
  const rotated = panel.locator('[data-delivery]').filter({ hasText: `incident.opened → ${UNREACHABLE}` });
  await rotated.getByText('Headers, body and attempts').click();
  await expect(rotated.getByLabel(/^Headers of dlv_/)).toContainText(/webhook-signature: v1,\S+ v1,\S+/, {
    timeout: 20_000,
  });
  await expect(rotated.locator('[data-verdict]')).toHaveText('Signature verified');

  // Disabled by hand: a replay is refused, in words.
  await endpoint.getByRole('button', { name: /^Disable / }).click();
  await expect(endpoint).toContainText('Disabled');
  await failed.getByRole('button', { name: /^Replay / }).click();
  await expect(failed.getByText(/^Not replayed: .*disabled/)).toBeVisible();
  allowConsoleErrors(problems, HTTP_ERROR_LOG); // the 400 of the ftp:// URL, the 409 of the refused replay
});

for (const scheme of ['light', 'dark'] as const) {
  test(`the Webhooks panel passes axe at WCAG 2.2 AA (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    const panel = await openPanel(page);
    await panel.getByRole('button', { name: 'Send test event' }).click();
    const delivery = panel.locator('[data-delivery]').first();
    await expect(delivery.locator('[data-verdict]')).toHaveText('Signature verified');
    await delivery.getByText('Headers, body and attempts').click();
    const results = await new AxeBuilder({ page })
      .include('#webhooks-title')
      .include('details:has(#webhooks-title)')
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      .analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
}

test('the console’s sandbox:listen command forwards to the guide’s JavaScript receiver; the inbox shows its 204', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const panel = await openPanel(page);
  const { webhook_secret: secret } = await app(page);
  // The guide's JavaScript receiver, run from under the repository so it finds its standardwebhooks package.
  const receiverFile = testInfo.outputPath('receiver.mjs');
  const program = webhookVerifySnippets().find((s) => s.id === 'javascript')?.code ?? '';
  writeFileSync(receiverFile, program);
  const receiverOut: string[] = [];
  const listenOut: string[] = [];
  // One of our ports per parallel worker (the console's command names 4242); it must be free, else an old receiver with
  // another secret would answer.
  const port = String(4640 + (testInfo.parallelIndex % 10));
  await expect(fetch(`http://localhost:${port}/`), `port ${port} is taken`).rejects.toThrow();
  await start(`node ${receiverFile}`, { PORT: port, AETHEX_WEBHOOK_SECRET: secret }, receiverOut);
  // It prints nothing until a delivery: ready once it answers (404 for anything but POST /webhooks).
  await expect(async () => expect((await fetch(`http://localhost:${port}/`)).status).toBe(404)).toPass();
  const command = (await panel.getByLabel('sandbox:listen command').textContent()) ?? '';
  expect(command).toContain('AETHEX_TOKEN=');
  await start(command.replace('localhost:4242', `localhost:${port}`), {}, listenOut, /Ready: /);

  const listen = panel.locator('[data-delivery]').filter({ hasText: 'member.invited → sandbox:listen' });
  const outputs = () => `sandbox:listen said: ${listenOut.join('')}\nthe receiver said: ${receiverOut.join('')}`;
  // The emit response (its listen copy still pending, no attempts) is held until the stream has shown the copy
  // succeeded, as on a slow network: the late, older snapshot must not put the copy back to pending.
  await page.route('**/webhooks/emit', async (route) => {
    const response = await route.fetch();
    await expect(listen)
      .toContainText('succeeded', { timeout: 20_000 })
      .catch((error: Error) => {
        throw new Error(`${error.message}\n${outputs()}`);
      })
      .finally(() => route.fulfill({ response }));
  });
  await panel.getByLabel('Event').selectOption('member.invited');
  await panel.getByRole('button', { name: 'Send test event' }).click();
  await expect(panel.getByRole('status').filter({ hasText: /^Sent member\.invited as msg_/ })).toBeVisible({
    timeout: 25_000,
  });
  await expect(listen).toContainText('succeeded');
  await expect(listen).not.toContainText('pending');
  await expect(listen.locator('[data-verdict]')).toHaveText('Signature verified');
  await listen.getByText('Headers, body and attempts').click();
  await expect(listen).toContainText(/#1 · listen · .* · HTTP 204 · \d+ ms · succeeded/);
  expect(receiverOut.join('')).toContain('verified member.invited');
  expect(listenOut.join('')).toMatch(/member\.invited msg_\S+ 204/);
});

test('the panel works from the keyboard, with focus visible', async ({ page }) => {
  const panel = await openPanel(page);
  const focusVisible = () =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const style = getComputedStyle(el);
      return {
        name: el.textContent?.trim() ?? '',
        outline: style.outlineStyle !== 'none' && style.outlineWidth !== '0px',
      };
    });
  await panel.getByLabel('Event').focus();
  await page.keyboard.press('Tab');
  expect(await focusVisible()).toEqual({ name: 'Send test event', outline: true });
  await page.keyboard.press('Enter');
  const delivery = panel.locator('[data-delivery]').first();
  await expect(delivery.locator('[data-verdict]')).toHaveText('Signature verified');
  await delivery.getByRole('button', { name: /^Replay / }).focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space'); // "Check with one byte changed"
  await expect(delivery.locator('[data-verdict]')).toHaveText(/^With one byte changed: Signature does not match/);
  await page.keyboard.press('Tab');
  expect((await focusVisible()).outline).toBe(true);
  await page.keyboard.press('Enter'); // opens "Headers, body and attempts"
  await expect(delivery.getByLabel(/^Body of dlv_/)).toBeVisible();
});

test('a link to /console#webhooks (from the guide) opens the Webhooks panel', async ({ page }) => {
  await page.goto('/docs/webhooks');
  await page.getByRole('link', { name: 'Webhooks panel' }).first().click();
  await expect(page).toHaveURL(/\/console#webhooks$/);
  const panel = page.locator('details#webhooks');
  await expect(panel).toHaveAttribute('open', '');
  await expect(panel.locator('summary')).toBeInViewport();
});
