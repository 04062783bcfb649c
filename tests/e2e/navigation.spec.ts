import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

import { apiModel, listOperations } from '../../lib/openapi';
import { operationHref, PATHS } from '../../lib/urls';
import { expect, test } from './fixtures';

const operations = listOperations();

/** The wide-screen sidebar's `<aside>` (operation pages have a second aside, their sample panel). */
const SIDEBAR = 'aside[aria-label="Site navigation"]';

/** The wide-screen sidebar (the phone menu holds a second copy of the links). */
const sidebar = (page: Page) => page.locator(SIDEBAR).getByRole('navigation', { name: 'Sections' });

/** The element of the wide-screen sidebar that scrolls. */
const scroller = (page: Page) => page.locator(`${SIDEBAR} > div`);

test.use({ viewport: { width: 1440, height: 900 } });

test('each operation is under its tag heading with its method and its full navigation title on one line', async ({
  page,
}) => {
  await page.goto(operationHref(operations[0]!.operationId));
  const nav = sidebar(page);
  const used = new Set(operations.map((operation) => operation.tag));
  const tags = apiModel()
    .tags.map((tag) => tag.name)
    .filter((name) => used.has(name));
  expect(tags.length).toBeGreaterThan(1);
  // The groups' headings, in sidebar order, are the document's tags in its order.
  const headings = await nav
    .locator('ul[aria-labelledby]')
    .evaluateAll((lists) =>
      lists.map((list) => document.getElementById(list.getAttribute('aria-labelledby')!)?.textContent),
    );
  expect(headings).toEqual(tags);
  const aside = (await page.locator(SIDEBAR).boundingBox())!;
  for (const operation of operations) {
    const link = nav
      .getByRole('list', { name: operation.tag, exact: true })
      .getByRole('link', { name: `${operation.method} ${operation.navTitle}`, exact: true });
    await expect(link).toHaveAttribute('href', operationHref(operation.operationId));
    await expect(link).toHaveText(`${operation.method}${operation.navTitle}`);
    const title = link.getByText(operation.navTitle, { exact: true });
    const shape = await title.evaluate((element) => ({
      overflow: element.scrollWidth - element.clientWidth,
      lines: Math.round(element.getBoundingClientRect().height / parseFloat(getComputedStyle(element).lineHeight)),
      ellipsis: getComputedStyle(element).textOverflow,
    }));
    expect(shape, operation.navTitle).toEqual({ overflow: 0, lines: 1, ellipsis: 'clip' });
    const box = (await link.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(aside.x);
    expect(box.x + box.width).toBeLessThanOrEqual(aside.x + aside.width);
  }
});

for (const scheme of ['light', 'dark'] as const) {
  test(`the current page's link is marked, visibly (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    const [current, other] = operations;
    await page.goto(operationHref(current!.operationId));
    const nav = sidebar(page);
    await expect(nav.locator('[aria-current="page"]')).toHaveCount(1);
    const active = nav.getByRole('link', { name: `${current!.method} ${current!.navTitle}`, exact: true });
    await expect(active).toHaveAttribute('aria-current', 'page');
    const look = (name: string) =>
      nav.getByRole('link', { name, exact: true }).evaluate((element) => {
        const style = getComputedStyle(element);
        return { background: style.backgroundColor, bar: style.boxShadow, weight: style.fontWeight };
      });
    const marked = await look(`${current!.method} ${current!.navTitle}`);
    const plain = await look(`${other!.method} ${other!.navTitle}`);
    expect(marked.background).not.toBe(plain.background);
    expect(marked.bar).toMatch(/inset/);
    expect(plain.bar).toBe('none');
    expect(Number(marked.weight)).toBeGreaterThan(Number(plain.weight));
  });
}

test('the sidebar keeps its scroll position when a link leads to another reference page', async ({ page }) => {
  // A short window, so the sidebar scrolls.
  await page.setViewportSize({ width: 1440, height: 600 });
  await page.goto(PATHS.reference);
  const box = scroller(page);
  const bottom = await box.evaluate((element) => {
    element.scrollTop = element.scrollHeight;
    return element.scrollTop;
  });
  expect(bottom).toBeGreaterThan(100);
  const target = operations.at(-1)!;
  await sidebar(page)
    .getByRole('link', { name: `${target.method} ${target.navTitle}`, exact: true })
    .click();
  await expect(page).toHaveURL(operationHref(target.operationId));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(target.summary);
  await expect(sidebar(page).locator('[aria-current="page"]')).toHaveAttribute(
    'href',
    operationHref(target.operationId),
  );
  const after = await box.evaluate((element) => element.scrollTop);
  expect(Math.abs(after - bottom)).toBeLessThanOrEqual(2);
});

test('a page opened with the sidebar scrolled elsewhere shows its own link', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 600 });
  const target = operations.at(-1)!;
  await page.goto(operationHref(target.operationId));
  const box = scroller(page);
  const current = sidebar(page).locator('[aria-current="page"]');
  // Fresh tab: nothing saved, so the sidebar starts at the top, and the link low in it is brought into view.
  await expect(current).toBeInViewport();
  expect(await box.evaluate((element) => element.scrollTop)).toBeGreaterThan(0);
  // Saved at the top, then a reload: the saved offset would hide the link, so it is scrolled into view again.
  await box.evaluate((element) => (element.scrollTop = 0));
  await page.reload();
  await expect(current).toBeInViewport();
  // Only the sidebar moved, not the window.
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
});

test('the explorer shows a loading skeleton and status until Scalar has loaded', async ({ page }) => {
  // Hold every script a second: the server-rendered skeleton shows while Scalar's chunk (and the rest) load.
  await page.route('**/_next/static/chunks/**', async (route) => {
    if (route.request().resourceType() === 'script') await new Promise((resolve) => setTimeout(resolve, 1000));
    await route.continue();
  });
  await page.goto(PATHS.explorer, { waitUntil: 'commit' });
  const status = page.getByRole('status').filter({ hasText: 'Loading the API explorer…' });
  const scalarText = page.getByText(operations[0]!.summary, { exact: true });
  await expect(status).toBeVisible();
  await expect(page.locator('[aria-busy="true"]')).toBeVisible();
  await expect(scalarText).toHaveCount(0);
  await expect(scalarText.first()).toBeAttached({ timeout: 30_000 });
  await expect(status).toHaveCount(0);
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
});

for (const scheme of ['light', 'dark'] as const) {
  test(`the explorer's skeleton passes axe and pulses only when motion is allowed (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    // Scripts are held until the checks ran, so the skeleton stays.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/_next/static/chunks/**', async (route) => {
      if (route.request().resourceType() === 'script') await held;
      await route.continue();
    });
    await page.goto(PATHS.explorer, { waitUntil: 'commit' });
    const skeleton = page.locator('[aria-busy="true"]');
    await expect(skeleton).toBeVisible();
    expect(await skeleton.evaluate((element) => getComputedStyle(element).animationName)).toBe('none');
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    expect(await skeleton.evaluate((element) => getComputedStyle(element).animationName)).toBe('pulse');
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      .analyze();
    expect(results.violations.map((violation) => violation.id)).toEqual([]);
    release();
    await expect(page.getByText(operations[0]!.summary, { exact: true }).first()).toBeAttached({ timeout: 30_000 });
  });
}
