import { startLargeBodyServer, type LargeBodyServer } from '../large-body-server';
import { expect, test } from './fixtures';

/**
 * A 5 MB JSON response from a custom target (issue #18): the console shows a highlighted head and keeps the page
 * small, shows the rest as plain text on demand and downloads the whole body. Timings live in `npm run bench`.
 */

const PORT = 3901;
let server: LargeBodyServer;

test.beforeAll(async () => {
  server = await startLargeBodyServer(PORT);
});
test.afterAll(async () => {
  await server.close();
});

test('a 5 MB body stays under 20,000 elements, with Show all and Download', async ({ page }) => {
  await page.goto('/console?operation=listProjects');
  await expect(page.locator('[data-ready="true"]')).toBeAttached();
  await page.getByRole('radio', { name: /Custom base URL/ }).check();
  await page.getByRole('textbox', { name: 'Base URL' }).fill(`${server.url}/v1`);
  await page.getByRole('button', { name: /^Send GET / }).click();
  await expect(page.getByTestId('response-status')).toContainText('200');
  const body = page.getByLabel('Response body');
  await expect(body).toContainText('"prj_00000000"');
  expect(await page.evaluate(() => document.querySelectorAll('*').length)).toBeLessThan(20_000);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download body' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.json$/);
  const saved = await file.createReadStream();
  let bytes = 0;
  for await (const chunk of saved) bytes += (chunk as Buffer).length;
  expect(bytes).toBeGreaterThan(5 * 1024 * 1024);

  await page.getByRole('button', { name: /^Show all/ }).click();
  await expect(page.getByRole('button', { name: /^Show all/ })).toHaveCount(0);
  const lastId = await page.evaluate(() =>
    document.querySelector('pre[aria-label="Response body"]')?.textContent?.slice(-200),
  );
  expect(lastId).toMatch(/\]\s*$/);
  expect(await page.evaluate(() => document.querySelectorAll('*').length)).toBeLessThan(20_000);
  // The form still answers: a keystroke lands.
  await page.getByRole('textbox', { name: 'Base URL' }).press('End');
  await page.keyboard.type('/x');
  await expect(page.getByRole('textbox', { name: 'Base URL' })).toHaveValue(`${server.url}/v1/x`);
});
