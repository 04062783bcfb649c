import type { Locator, Page } from '@playwright/test';

import { listOperations, listWebhooks } from '../../lib/openapi';
import { responseExamples } from '../../lib/reference/response-examples';
import { operationHref, PATHS, webhookHref } from '../../lib/urls';
import { expect, test } from './fixtures';

/** The request sample and the response example of an operation page's side panel. */
function panel(page: Page) {
  const aside = page.getByRole('complementary', { name: 'Request and response examples' });
  return {
    sample: aside.locator('.code-tabs').first(),
    response: aside.getByRole('region', { name: 'Response example' }),
  };
}

/** Whether the whole box of `locator` lies inside the viewport (a sticky panel that slid away fails). */
async function insideViewport(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const viewport = page.viewportSize();
  if (!box || !viewport) return false;
  return box.y >= 0 && box.x >= 0 && box.y + box.height <= viewport.height && box.x + box.width <= viewport.width;
}

/** The status of the response example shown now. */
async function shownStatus(response: Locator): Promise<string | null> {
  return response.locator('[data-status]:not([hidden])').getAttribute('data-status');
}

test.describe('operation pages at 1440×900', () => {
  test.use({ viewport: { width: 1440, height: 900 } });
  for (const operation of listOperations()) {
    test(`${operation.operationId}: sample and 2xx example in the first viewport and after the last response`, async ({
      page,
    }) => {
      await page.goto(operationHref(operation.operationId));
      const { sample, response } = panel(page);
      expect(await insideViewport(page, sample), 'request sample in the first viewport').toBe(true);
      expect(await insideViewport(page, response), 'response example in the first viewport').toBe(true);
      expect(await shownStatus(response)).toMatch(/^2/);
      // The last response entry of the left pane: the last error, or the last success response without errors.
      const last = page.locator('[data-response-entry]').last();
      await last.scrollIntoViewIfNeeded();
      await page.mouse.wheel(0, 10_000); // and on to the end of the page
      await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(1000);
      expect(await insideViewport(page, last), 'last response visible').toBe(true);
      expect(await insideViewport(page, sample), 'request sample after scrolling').toBe(true);
      expect(await insideViewport(page, response), 'response example after scrolling').toBe(true);
    });
  }

  test('the response switcher shows each documented status and named example with its headers and body', async ({
    page,
  }) => {
    const operation = listOperations().find((candidate) => candidate.errors.length > 0)!;
    await page.goto(operationHref(operation.operationId));
    const { response } = panel(page);
    const select = response.getByRole('combobox', { name: 'Response' });
    const examples = responseExamples(operation);
    expect(new Set(examples.map((example) => example.status))).toEqual(new Set(Object.keys(operation.responses)));
    await expect(select.locator('option')).toHaveCount(examples.length);
    for (const example of examples) {
      await select.selectOption(example.id);
      expect(await shownStatus(response)).toBe(example.status);
      const shown = response.locator('[data-status]:not([hidden])');
      for (const [name, value] of example.headers) await expect(shown).toContainText(`${name}: ${value}`);
      if (example.body !== undefined) await expect(shown.locator('pre').last()).toHaveText(example.body);
    }
  });
});

test.describe('webhook event pages at 1440×900', () => {
  test.use({ viewport: { width: 1440, height: 900 } });
  for (const webhook of listWebhooks()) {
    test(`${webhook.event}: example delivery and verifying code in view`, async ({ page }) => {
      await page.goto(webhookHref(webhook.event));
      const aside = page.getByRole('complementary', { name: 'Example delivery and verifying code' });
      const delivery = aside.getByRole('region', { name: `Example ${webhook.event} delivery` });
      await expect(delivery).toContainText('webhook-signature');
      expect(await insideViewport(page, delivery)).toBe(true);
      expect(await insideViewport(page, aside.locator('.code-tabs'))).toBe(true);
    });
  }
});

test.describe('operation pages at 375 px', () => {
  test.use({ viewport: { width: 375, height: 812 } });
  for (const operation of listOperations()) {
    test(`${operation.operationId}: no horizontal scroll; the sample is reachable and copies`, async ({
      page,
      context,
      baseURL,
    }) => {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
      await page.goto(operationHref(operation.operationId));
      await page.locator('details').evaluateAll((all) => all.forEach((details) => details.setAttribute('open', '')));
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      const { sample } = panel(page);
      const copy = sample.getByRole('button', { name: /^Copy/ });
      await copy.scrollIntoViewIfNeeded();
      expect(await insideViewport(page, copy)).toBe(true);
      await copy.click();
      await expect(sample.getByRole('status')).toHaveText('Copied');
      const shown = await sample.locator('.code-panel[data-selected="true"]').innerText();
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      expect(copied.trim()).toBe(shown.trim());
    });
  }
});

test.describe('reference pages at 320 px, the narrowest phone', () => {
  test.use({ viewport: { width: 320, height: 640 } });
  const pages = [
    PATHS.reference,
    PATHS.errors,
    ...listOperations().map((operation) => operationHref(operation.operationId)),
    ...listWebhooks().map((webhook) => webhookHref(webhook.event)),
  ];
  for (const path of pages) {
    test(`${path} does not scroll sideways`, async ({ page }) => {
      await page.goto(path);
      await page.locator('details').evaluateAll((all) => all.forEach((details) => details.setAttribute('open', '')));
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    });
  }
});
