import type { Page } from '@playwright/test';

import { allowConsoleErrors, expect, HTTP_ERROR_LOG, test } from './fixtures';

/**
 * The console on a 375 px phone (issue #18): with every panel open, a token and a response shown, the page never
 * scrolls sideways and the samples' Copy button stays on screen and clickable, in light and dark.
 */

const WIDTH = 375;
test.use({ viewport: { width: WIDTH, height: 812 } });

/** Opens every disclosure, including the lazy ones, and waits for the lazy panels' content. */
async function openEveryPanel(page: Page) {
  const closed = page.locator('details:not([open]) > summary');
  while ((await closed.count()) > 0) await closed.first().click();
  await expect(page.getByRole('tab', { name: 'cURL' })).toBeVisible();
  // The Webhooks panel with a delivery in its inbox, its headers, body and attempts open.
  await page.getByRole('button', { name: 'Send test event' }).click();
  const delivery = page.locator('[data-delivery]').first();
  await expect(delivery.locator('[data-verdict]')).toHaveText('Signature verified');
  await delivery.getByText('Headers, body and attempts').click();
  await expect(delivery.getByLabel(/^Body of dlv_/)).toContainText('"type"');
}

for (const scheme of ['light', 'dark'] as const) {
  test(`at 375 px (${scheme}) the console never scrolls sideways and Copy stays in view`, async ({
    page,
    problems,
    baseURL,
  }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL ?? '' });
    await page.goto('/console?operation=listProjects');
    await expect(page.locator('[data-ready="true"]')).toBeAttached();
    await page.getByRole('button', { name: 'Create sandbox app' }).click();
    await expect(page.getByLabel('Current token')).toContainText('Grant: client credentials');
    await page.getByRole('button', { name: /^Send GET / }).click();
    await expect(page.getByTestId('response-status')).toContainText('200');
    await openEveryPanel(page);
    // The looked-up exchange (long header values, a body) is shown too.
    await page
      .getByRole('button', { name: /^Look up req_/ })
      .first()
      .click();
    await expect(page.getByTestId('looked-up-exchange')).toContainText('HTTP 200');

    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(WIDTH);
    const copy = page.getByRole('button', { name: /^Cop(y|ied) cURL sample$/ });
    await copy.scrollIntoViewIfNeeded();
    const box = await copy.boundingBox();
    expect(box, 'the Copy button is laid out').not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(WIDTH);
    await copy.click();
    await expect(copy).toHaveText(/^Copied/);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('curl ');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(WIDTH);
    allowConsoleErrors(problems, HTTP_ERROR_LOG);
  });
}
