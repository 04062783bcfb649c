import { exampleValue, firstExample, listErrors, listOperations, listWebhooks } from '../../lib/openapi';
import { errorHref, operationHref, webhookHref } from '../../lib/urls';
import { expect, test } from './fixtures';

/** Every server-rendered reference page, derived from the OpenAPI document. */
const pages = [
  '/reference',
  '/reference/errors',
  '/reference/webhooks',
  ...listOperations().map((operation) => operationHref(operation.operationId)),
  ...listWebhooks().map((webhook) => webhookHref(webhook.event)),
];

// Accessibility (axe, light and dark) of these pages is checked once for the whole site in a11y.spec.ts.
for (const path of pages) {
  test(`${path} renders with an h1, no page error and no external request`, async ({ page }) => {
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
    await page.waitForLoadState('networkidle');
  });
}

test('every error code has its anchor on the errors page', async ({ page }) => {
  await page.goto('/reference/errors');
  for (const error of listErrors()) {
    await expect(page.locator(`[id="${error.status}"]`)).toContainText(error.label);
  }
});

test('an operation page links its errors to their anchors', async ({ page }) => {
  const operation = listOperations().find((candidate) => candidate.errorStatuses.length > 0);
  test.skip(!operation, 'no operation declares errors');
  await page.goto(operationHref(operation!.operationId));
  const status = operation!.errorStatuses[0]!;
  await page
    .locator(`a[href="${errorHref(status)}"]`)
    .first()
    .click();
  await expect(page).toHaveURL(new RegExp(`/reference/errors#${status}$`));
});

for (const operation of listOperations()) {
  test(`"Try it" on ${operation.operationId} opens the console on it with its example values filled in`, async ({
    page,
    problems,
  }) => {
    await page.goto(operationHref(operation.operationId));
    await page.getByRole('link', { name: 'Try it' }).click();
    await expect(page).toHaveURL(new RegExp(`/console\\?operation=${operation.operationId}$`));
    // Path and query parameters, and required headers, start from the document's example (optional headers empty).
    for (const parameter of operation.parameters) {
      const example = exampleValue(parameter);
      if (example === undefined || (parameter.in === 'header' && !parameter.required)) continue;
      await expect(page.locator(`[id="param-${parameter.in}-${parameter.name}"]`)).toHaveValue(String(example));
    }
    const body = firstExample(Object.values(operation.requestBody?.content ?? {})[0]);
    if (body !== undefined) {
      const editor = page.getByRole('textbox', { name: /body/i }).first();
      expect(JSON.parse(await editor.inputValue())).toEqual(body);
    }
    problems.consoleErrors.length = 0; // the console page is another team's; only the link is under test here
  });
}

test('the sidebar lists each operation by its short navigation title and method; its page shows the summary', async ({
  page,
}) => {
  const operations = listOperations();
  await page.goto(operationHref(operations[0]!.operationId));
  const sidebar = page.locator('aside').getByRole('navigation', { name: 'Sections' });
  for (const operation of operations) {
    const link = sidebar.getByRole('link', { name: `${operation.method} ${operation.navTitle}`, exact: true });
    await expect(link).toHaveAttribute('href', operationHref(operation.operationId));
    await expect(link).toHaveText(`${operation.method}${operation.navTitle}`);
  }
  await sidebar.getByRole('link', { name: 'GET List projects', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    operations.find((operation) => operation.navTitle === 'List projects')!.summary,
  );
});
