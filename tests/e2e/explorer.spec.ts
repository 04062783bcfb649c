import type { Page } from '@playwright/test';

import { listOperations } from '../../lib/openapi';
import { expect, test } from './fixtures';

test('the explorer renders every operation of the document', async ({ page }) => {
  await page.goto('/reference/explorer');
  for (const operation of listOperations()) {
    await expect(page.getByText(operation.summary, { exact: true }).first()).toBeAttached({ timeout: 30_000 });
  }
  await page.waitForLoadState('networkidle');
});

test("Ctrl+K on the explorer opens the site search only, not Scalar's as well", async ({ page }) => {
  await page.goto('/reference/explorer');
  await expect(page.getByText(listOperations()[0]!.summary, { exact: true }).first()).toBeAttached({ timeout: 30_000 });
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+k');
  await expect(page.getByRole('dialog', { name: 'Search the documentation' })).toBeVisible();
  // Scalar's own search modal would be a second dialog.
  await expect(page.getByRole('dialog')).toHaveCount(1);
});

/** The site header's background and the body's classes/inline style: what Scalar is known to leak. */
async function siteStyle(page: Page) {
  return page.evaluate(() => ({
    header: getComputedStyle(document.querySelector('header')!).backgroundColor,
    bodyFont: getComputedStyle(document.body).fontFamily,
    bodyClasses: [...document.body.classList].sort(),
    bodyStyle: document.body.getAttribute('style'),
    scalarSheets: [...document.querySelectorAll('head style, head link[rel="stylesheet"]')].filter(
      (element) =>
        (element as HTMLLinkElement | HTMLStyleElement).sheet &&
        !(element as HTMLLinkElement).media?.includes('not all') &&
        /scalar/i.test(element.textContent ?? ''),
    ).length,
  }));
}

for (const scheme of ['light', 'dark'] as const) {
  test(`site styles are intact after navigating away from the explorer (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/reference');
    const fresh = await siteStyle(page);
    await page.goto('/reference/explorer');
    await expect(page.getByText(listOperations()[0]!.summary, { exact: true }).first()).toBeAttached({
      timeout: 30_000,
    });
    expect(await page.evaluate(() => document.body.className)).toMatch(/(dark|light)-mode/);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API reference' }).click();
    await expect(page).toHaveURL(/\/reference$/);
    await expect(page.getByRole('heading', { level: 1, name: 'API reference' })).toBeVisible();
    const after = await siteStyle(page);
    expect(after.bodyClasses.filter((name) => /mode|scalar/.test(name))).toEqual([]);
    expect(after).toEqual(fresh);
    // Back again client-side: Scalar gets its styles back.
    await page.locator('aside').getByRole('link', { name: 'Explorer' }).click();
    await expect(page.getByText(listOperations()[0]!.summary, { exact: true }).first()).toBeAttached({
      timeout: 30_000,
    });
    await expect.poll(async () => (await siteStyle(page)).scalarSheets, { timeout: 15_000 }).toBeGreaterThan(0);
  });
}
