import type { Locator, Page } from '@playwright/test';

import { expect, test } from './fixtures';

/**
 * The full console flow with the keyboard alone (WCAG 2.1.1 Keyboard, 2.4.7 Focus Visible,
 * 2.4.11 Focus Not Obscured): sandbox app → client credentials token → GET /v1/projects → response headers →
 * sample language → copy. Only page.keyboard drives the page: no clicks, no element.click(), no fill().
 * After every key press the focused element must show a focus indicator (outline ≥ 2px, or a box-shadow
 * ring) and must not be hidden off-screen or under the sticky site header.
 */

/** What the focused element looks like, read in the page right after a key press. */
type FocusReport = {
  name: string;
  outlineStyle: string;
  outlineWidth: number;
  boxShadow: string;
  inViewport: boolean;
  coveredBy: string | null;
};

/** Describes the focused element and whether its centre is covered by another element (e.g. the sticky header). */
async function focusReport(page: Page): Promise<FocusReport | null> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body || element === document.documentElement) return null;
    const describe = (node: Element) => {
      const label = node.getAttribute('aria-label') ?? (node as HTMLElement).innerText?.trim().slice(0, 60) ?? '';
      const id = node.id ? `#${node.id}` : '';
      const type = node.getAttribute('type') ? `[type=${node.getAttribute('type')}]` : '';
      const labelled =
        node instanceof HTMLInputElement || node instanceof HTMLSelectElement || node instanceof HTMLTextAreaElement
          ? (node.labels?.[0]?.innerText.trim().slice(0, 60) ?? '')
          : '';
      return `<${node.tagName.toLowerCase()}${id}${type}> "${label || labelled}"`;
    };
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    const inViewport =
      box.bottom > 0 &&
      box.right > 0 &&
      box.top < window.innerHeight &&
      box.left < window.innerWidth &&
      box.width * box.height > 0;
    let coveredBy: string | null = null;
    if (inViewport) {
      const x = Math.min(Math.max(box.left + box.width / 2, 0), window.innerWidth - 1);
      const y = Math.min(Math.max(box.top + box.height / 2, 0), window.innerHeight - 1);
      const top = document.elementFromPoint(x, y);
      // The element itself, something inside it (a label span), or the <label> that wraps it is fine.
      if (top && top !== element && !element.contains(top) && !top.contains(element)) coveredBy = describe(top);
    }
    return {
      name: describe(element),
      outlineStyle: style.outlineStyle,
      outlineWidth: parseFloat(style.outlineWidth),
      boxShadow: style.boxShadow,
      inViewport,
      coveredBy,
    };
  });
}

/** Fails naming the element when the focused element has no visible focus indicator or is obscured. */
async function expectFocusVisible(page: Page) {
  const report = await focusReport(page);
  expect(report, 'focus was lost to <body> (a keyboard user no longer knows where they are)').not.toBeNull();
  if (!report) return;
  const ring =
    (report.outlineStyle !== 'none' && report.outlineWidth >= 2) ||
    (report.boxShadow !== 'none' && report.boxShadow !== '');
  expect(
    ring,
    `${report.name} has no visible focus indicator (outline ${report.outlineStyle} ${report.outlineWidth}px, box-shadow ${report.boxShadow})`,
  ).toBe(true);
  expect(report.inViewport, `${report.name} is focused but outside the viewport`).toBe(true);
  expect(
    report.coveredBy,
    `${report.name} is focused but covered by ${report.coveredBy ?? ''} (WCAG 2.4.11)`,
  ).toBeNull();
}

/** Presses `key` and checks the focus stop it lands on. */
async function press(page: Page, key: string) {
  await page.keyboard.press(key);
  await expectFocusVisible(page);
}

/**
 * Presses Tab (Shift+Tab with `backwards`) until `target` has focus, checking every focus stop on the
 * way; fails when `target` is not reached within `maxPresses` (it is not reachable by keyboard).
 */
async function tabTo(page: Page, target: Locator, maxPresses = 60, backwards = false) {
  await expect(target, 'tab target must be on the page').toBeVisible();
  for (let i = 0; i < maxPresses; i++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await press(page, backwards ? 'Shift+Tab' : 'Tab');
  }
  await expect(target, `not reached with ${maxPresses} presses of ${backwards ? 'Shift+Tab' : 'Tab'}`).toBeFocused({
    timeout: 1,
  });
}

test('the full console flow works with the keyboard alone, with focus visible at every stop', async ({
  page,
  context,
  baseURL,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL ?? 'http://localhost:3100' });
  await page.goto('/console?operation=listProjects');
  await expect(page.locator('[data-ready="true"]')).toBeAttached();

  // Sandbox app: the auth method radio group is entered with Tab, the default method is "Sandbox app".
  await tabTo(page, page.getByRole('radio', { name: 'Sandbox app' }));
  await tabTo(page, page.getByRole('button', { name: 'Create sandbox app' }), 5);
  await page.keyboard.press('Enter');
  await expect(page.getByText(/^Sandbox app .* created; its access token/)).toBeVisible();
  await expectFocusVisible(page); // focus stays on the button once the app exists
  await expect(page.getByText(/^Expires in /)).toBeVisible();

  // Client credentials: the radio group is left with arrow keys; a scope checkbox toggles with Space.
  await tabTo(page, page.getByRole('radio', { name: 'Sandbox app' }), 10, true);
  await press(page, 'ArrowRight');
  await expect(page.getByRole('radio', { name: 'Client credentials' })).toBeChecked();
  await expect(page.getByRole('radio', { name: 'Client credentials' })).toBeFocused();
  const metrics = page.getByRole('checkbox', { name: /^metrics:read/ });
  await tabTo(page, metrics, 15);
  await press(page, 'Space');
  await expect(metrics).not.toBeChecked();
  await press(page, 'Space');
  await expect(metrics).toBeChecked();
  await tabTo(page, page.getByRole('button', { name: 'Get access token' }), 15);
  await page.keyboard.press('Enter');
  await expect(page.getByText(/^Access token received/)).toBeVisible();
  await expectFocusVisible(page);

  // Send GET /v1/projects.
  const send = page.getByRole('button', { name: 'Send GET /v1/projects' });
  await tabTo(page, send, 40);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('response-status')).toContainText('200');
  await expectFocusVisible(page);

  // Read the headers that matter: request ID (with its copy button) and the rate limit.
  await tabTo(page, page.getByRole('button', { name: 'Copy request ID' }), 10);
  await expect(page.getByTestId('request-id')).toHaveText(/\S+/);
  await expect(page.getByTestId('request-id')).toBeInViewport();
  await expect(page.getByTestId('rate-remaining')).toHaveText(/^\d+$/);
  await expect(page.getByTestId('rate-remaining')).toBeInViewport();
  const headers = page.getByRole('table');
  await tabTo(page, page.getByRole('region', { name: /Response headers/ }), 15);
  for (const name of ['x-request-id', 'x-ratelimit-remaining']) {
    await expect(headers.getByRole('rowheader', { name, exact: true })).toBeInViewport();
  }
  await expect(headers.getByRole('row', { name: /x-request-id/ }).getByRole('cell')).toHaveText(
    (await page.getByTestId('request-id').textContent()) ?? '',
  );

  // Code sample: open the disclosure with Enter, switch language with the arrow keys, copy with Space.
  await tabTo(page, page.getByText('Code for this request'), 20);
  await press(page, 'Enter');
  const curl = page.getByRole('tab', { name: 'cURL' });
  await tabTo(page, curl, 10);
  await press(page, 'ArrowRight');
  const javascript = page.getByRole('tab', { name: 'JavaScript' });
  await expect(javascript).toBeFocused();
  await expect(javascript).toHaveAttribute('aria-selected', 'true');
  await press(page, 'ArrowRight');
  const python = page.getByRole('tab', { name: 'Python' });
  await expect(python).toHaveAttribute('aria-selected', 'true');
  const copy = page.getByRole('button', { name: /^Cop(y|ied) Python sample$/ });
  await tabTo(page, copy, 5);
  await press(page, 'Space');
  await expect(copy).toHaveText(/Copied/);
  const shown = await page.getByRole('tabpanel', { name: 'Python' }).innerText();
  expect(shown).toMatch(/localhost:\d+\/sandbox\b[\s\S]*\/v1\/projects/);
  expect(shown, "the sandbox app's token is written in").not.toContain('AETHEX_TOKEN');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied.trim()).toBe(shown.trim());
  // And back to the tabs with Shift+Tab: the selected tab is the one tab stop of the tab list.
  await tabTo(page, python, 5, true);
});
