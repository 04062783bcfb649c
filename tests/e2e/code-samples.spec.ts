import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

import { sampleForOperation } from '../../lib/snippets';
import { expect, test } from './fixtures';

/** A page showing `<CodeSample operationId="listProjects" />` (the reference page of that operation). */
const PATH = process.env.E2E_CODE_SAMPLES_PATH ?? '/reference/listProjects';
const OPERATION = 'listProjects';

const tablists = (page: Page) => page.getByRole('tablist', { name: 'Code sample language' });

test.describe('code samples', () => {
  test('a stored language applies after hydration without layout shift', async ({ page }) => {
    await page.addInitScript(() => {
      window.localStorage.setItem('aethex-lang', 'python');
      (window as unknown as { __cls: number }).__cls = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
          if (!entry.hadRecentInput) (window as unknown as { __cls: number }).__cls += entry.value;
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(PATH);
    const first = tablists(page).first();
    await expect(first.getByRole('tab', { name: 'Python', exact: true })).toHaveAttribute('aria-selected', 'true');
    await page.waitForLoadState('networkidle');
    expect(await page.evaluate(() => (window as unknown as { __cls: number }).__cls)).toBeLessThan(0.01);
  });

  test('tabs follow the WAI-ARIA pattern and every group on the page follows the choice', async ({ page }) => {
    await page.goto(PATH);
    const first = tablists(page).first();
    const curl = first.getByRole('tab', { name: 'cURL', exact: true });
    await expect(curl).toHaveAttribute('aria-selected', 'true');
    await curl.focus();
    await page.keyboard.press('ArrowRight');
    const js = first.getByRole('tab', { name: 'JavaScript', exact: true });
    await expect(js).toBeFocused();
    await expect(js).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('End');
    await expect(first.getByRole('tab', { name: 'Ruby', exact: true })).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await expect(curl).toBeFocused();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Home');
    await expect(curl).toHaveAttribute('aria-selected', 'true');
    await first.getByRole('tab', { name: 'Go', exact: true }).click();
    for (const list of await tablists(page).all())
      await expect(list.getByRole('tab', { name: 'Go', exact: true })).toHaveAttribute('aria-selected', 'true');
    const panel = page.locator(
      `#${await first.getByRole('tab', { name: 'Go', exact: true }).getAttribute('aria-controls')}`,
    );
    await expect(panel).toBeVisible();
    await expect(panel).toContainText('package main');
    await page.reload();
    await expect(tablists(page).first().getByRole('tab', { name: 'Go', exact: true })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(await page.evaluate(() => window.localStorage.getItem('aethex-lang'))).toBe('go');
  });

  test('copy puts exactly the shown sample on the clipboard and announces it', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto(PATH);
    const first = tablists(page).first();
    await first.getByRole('tab', { name: 'Java', exact: true }).click();
    const group = first.locator('xpath=../..');
    await group.getByRole('button', { name: /Copy Java sample/ }).click();
    await expect(group.getByRole('status')).toHaveText('Copied');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(sampleForOperation(OPERATION, 'java'));
    const shown = await page
      .locator(`#${await first.getByRole('tab', { name: 'Java', exact: true }).getAttribute('aria-controls')} pre`)
      .innerText();
    expect(copied.trimEnd()).toBe(shown.trimEnd());
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`code samples pass axe (WCAG 2.2 AA) in the ${theme} theme`, async ({ page }) => {
      // The system prefers the other scheme, so the page is in `theme` only if the stored choice was applied.
      await page.emulateMedia({ colorScheme: theme === 'dark' ? 'light' : 'dark' });
      await page.addInitScript((value) => window.localStorage.setItem('theme', value), theme);
      await page.goto(PATH);
      await expect(page.locator('html')).toHaveClass(new RegExp(theme === 'dark' ? '\\bdark\\b' : '^(?!.*\\bdark\\b)'));
      const results = await new AxeBuilder({ page })
        .include('[role="tablist"]')
        .include('[role="tabpanel"]')
        .withTags(['wcag2a', 'wcag2aa', 'wcag22aa'])
        .analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
        [],
      );
    });
  }
});
