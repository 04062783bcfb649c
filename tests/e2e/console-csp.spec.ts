import { expect, test } from './fixtures';

/** A custom target the page's Content-Security-Policy refuses is reported as that, not as an unreachable host. */

test('a custom host the page CSP blocks is reported as such, naming CONSOLE_TARGETS', async ({ page, problems }) => {
  // [::1] is loopback but not in connect-src ('self', api.aethex.dev, localhost:*, 127.0.0.1:*), and nothing listens.
  await page.goto('/console?operation=listProjects');
  await expect(page.locator('[data-ready="true"]')).toBeAttached();
  await page.getByRole('radio', { name: /Custom base URL/ }).check();
  await page.getByRole('textbox', { name: 'Base URL' }).fill('http://[::1]:3909/v1');
  await page.getByRole('button', { name: /^Send GET / }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'No response' });
  await expect(alert).toContainText('Content-Security-Policy blocked the connection to http://[::1]:3909');
  await expect(alert).toContainText('CONSOLE_TARGETS=http://[::1]:3909');
  await expect(alert).not.toContainText('Nothing answered');
  // The browser logs the refusal itself.
  problems.consoleErrors.splice(
    0,
    problems.consoleErrors.length,
    ...problems.consoleErrors.filter((m) => !/Content Security Policy|net::ERR_/.test(m)),
  );
});
