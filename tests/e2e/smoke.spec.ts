import { allNavigationHrefs } from '../../lib/navigation';
import { allowConsoleErrors, expect, test } from './fixtures';

const pages = ['/', ...allNavigationHrefs()];

for (const path of pages) {
  test(`${path} renders with a heading, no errors and no external requests`, async ({ page }) => {
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    await page.waitForLoadState('networkidle');
  });
}

test('the header navigation leads to each area', async ({ page }) => {
  await page.goto('/');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'API reference' }).click();
  await expect(page).toHaveURL(/\/reference$/);
  await expect(nav.getByRole('link', { name: 'API reference' })).toHaveAttribute('aria-current', 'page');
  await nav.getByRole('link', { name: 'Console' }).click();
  await expect(page).toHaveURL(/\/console/);
});

test('an unknown page gets the 404 page with a way back', async ({ page, problems }) => {
  const response = await page.goto('/no-such-page');
  expect(response?.status()).toBe(404);
  allowConsoleErrors(problems, /status of 404/); // the browser logs the 404 status itself
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await page.getByRole('main').getByRole('link', { name: 'Home' }).click();
  await expect(page).toHaveURL(/\/$/);
});

test('theme follows the system, switches, and survives a reload without a flash', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  await expect(page.locator('html')).toHaveClass(/dark/);
  await page.getByRole('button', { name: 'Toggle dark theme' }).click();
  await expect(page.locator('html')).not.toHaveClass(/dark/);
  // On reload the class must be right before any script of ours runs: check the server HTML + inline script result.
  await page.reload({ waitUntil: 'commit' });
  await page.waitForSelector('body');
  expect(await page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(false);
});

test('the layout fits a 375 px phone without horizontal scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  for (const path of pages) {
    await page.goto(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `horizontal overflow on ${path}`).toBeLessThanOrEqual(0);
  }
});
