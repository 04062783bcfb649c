import type { Page } from '@playwright/test';

import { listOperations, listWebhooks } from '../../lib/openapi';
import { listedNode } from '../../lib/reference/field-tree';
import { findRepeats } from '../../lib/reference/response-groups';
import { describeSchema, hasChildren } from '../../lib/reference/schema';
import { fieldAnchor, fieldHref, operationHref, webhookHref } from '../../lib/urls';
import { expect, test } from './fixtures';

/** Every page with field lists: each operation and each webhook event, from the OpenAPI document. */
const pages = [
  ...listOperations().map((operation) => operationHref(operation.operationId)),
  ...listWebhooks().map((webhook) => webhookHref(webhook.event)),
];

/** The operation of the deep-link tests; its page is the one the issue names. */
const OPERATION = 'listProjects';

/** The sticky site header's height (h-14): an anchored item must start below it. */
const HEADER_PX = 56;

/**
 * A nested field of a success response (a field of a field, folded into a closed `<details>` on load), from the
 * model: the first operation with one, and its anchor. Error bodies are left out: the error list shows their
 * shared schema once, without anchors.
 */
function nestedField(): { operationId: string; anchor: string } {
  for (const operation of listOperations()) {
    const errors = new Set(operation.errorStatuses.map(String));
    const repeats = findRepeats(operation.responses);
    for (const [status, response] of Object.entries(operation.responses)) {
      if (errors.has(status)) continue;
      for (const [mediaType, media] of Object.entries(response.content)) {
        if (repeats[status]?.schemaAs[mediaType] !== undefined) continue;
        const parent = listedNode(describeSchema(media.schema)).properties.find((property) =>
          hasChildren(property.node),
        );
        const child = parent && listedNode(parent.node).properties[0];
        if (parent && child)
          return {
            operationId: operation.operationId,
            anchor: fieldAnchor({ in: 'response', status }, `${parent.name}.${child.name}`),
          };
      }
    }
  }
  throw new Error('no operation has a nested success-response field');
}

/** Names (of parameters, headers, fields) whose text the browser laid out on more than one line. */
async function brokenNames(page: Page): Promise<{ count: number; broken: string[] }> {
  return page.evaluate(() => {
    for (const details of document.querySelectorAll('details')) details.open = true;
    const names = [...document.querySelectorAll('.ref-name')];
    const broken = names.filter((name) => {
      const range = document.createRange();
      range.selectNodeContents(name);
      return range.getClientRects().length !== 1;
    });
    return { count: names.length, broken: broken.map((name) => name.textContent ?? '') };
  });
}

for (const viewport of [
  { width: 1440, height: 900 },
  { width: 375, height: 812 },
  { width: 320, height: 640 },
]) {
  test.describe(`at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });
    for (const path of pages) {
      test(`${path}: no parameter, header or field name breaks across lines`, async ({ page }) => {
        await page.goto(path);
        const { count, broken } = await brokenNames(page);
        expect(count).toBeGreaterThan(0);
        expect(broken).toEqual([]);
      });
    }
  });
}

test('a deep link to a parameter scrolls it into view below the sticky header', async ({ page }) => {
  await page.goto(fieldHref(OPERATION, { in: 'param' }, 'limit'));
  const item = page.locator('[id="param-limit"]');
  await expect(item).toBeInViewport();
  const box = await item.boundingBox();
  expect(box!.y).toBeGreaterThanOrEqual(HEADER_PX);
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
});

test('a deep link to a nested field opens its closed <details> and shows it below the header', async ({ page }) => {
  const { operationId, anchor } = nestedField();
  await page.goto(operationHref(operationId));
  const item = page.locator(`[id="${anchor}"]`);
  await expect(item).toBeHidden(); // folded on a plain visit
  await page.goto(`${operationHref(operationId)}#${anchor}`);
  await expect(item).toBeVisible();
  await expect(item).toBeInViewport();
  expect((await item.boundingBox())!.y).toBeGreaterThanOrEqual(HEADER_PX);
  expect(await item.evaluate((element) => element.closest('details')?.open)).toBe(true);
});

test('the copy-link control copies the absolute URL of the field, sets the hash and announces it', async ({
  page,
  context,
  baseURL,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(operationHref(OPERATION));
  const link = page.getByRole('link', { name: 'Copy link to limit', exact: true });
  const box = (await link.boundingBox())!;
  expect(Math.min(box.width, box.height), 'target size (WCAG 2.5.8)').toBeGreaterThanOrEqual(24);
  await link.scrollIntoViewIfNeeded();
  const scrolled = await page.evaluate(() => window.scrollY);
  await link.click();
  await expect(page.getByRole('status').filter({ hasText: 'Link copied' })).toHaveCount(1);
  const expected = `${baseURL}${fieldHref(OPERATION, { in: 'param' }, 'limit')}`;
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(expected);
  expect(page.url()).toBe(expected);
  expect(await page.evaluate(() => window.scrollY), 'copying does not jump').toBe(scrolled);
});

test('without JavaScript the copy-link control is a link to the field', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
  const page = await context.newPage();
  await page.goto(operationHref(OPERATION));
  await page.getByRole('link', { name: 'Copy link to limit', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${fieldHref(OPERATION, { in: 'param' }, 'limit')}$`));
  await expect(page.locator('[id="param-limit"]')).toBeInViewport();
  await context.close();
});
