import { listGuides } from '../../lib/content';
import { expect, test } from './fixtures';

const guides = listGuides();

test('there are eleven guides, in the sidebar in frontmatter order', async ({ page }) => {
  expect(guides).toHaveLength(11);
  await page.goto('/docs/quickstart');
  const sidebar = page.getByRole('navigation', { name: 'Sections' }).last();
  const titles = guides.map((g) => g.title);
  const hrefs = await sidebar
    .locator('a[href^="/docs/"]')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  expect(hrefs).toEqual(guides.map((g) => g.href));
  for (const title of titles)
    await expect(sidebar.getByRole('link', { name: title, exact: true }).first()).toBeVisible();
});

// Accessibility (axe, light and dark) of every guide is checked once for the whole site in a11y.spec.ts.
for (const guide of guides) {
  test(`${guide.href} renders its page tools`, async ({ page }) => {
    const response = await page.goto(guide.href);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1, name: guide.title })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Breadcrumb' })).toContainText(guide.title);
    await expect(page.getByRole('navigation', { name: 'On this page' })).toBeVisible();
    await expect(page.getByText(/^Last updated/)).toBeVisible();
    const menu = page.getByRole('group', { name: 'Page as Markdown' });
    await expect(menu.getByRole('button', { name: 'Copy as Markdown' })).toBeVisible();
    await expect(menu.getByRole('link', { name: 'View as Markdown' })).toHaveAttribute('href', `${guide.href}.md`);
  });
}

test('the table of contents moves to a heading and highlights it', async ({ page }) => {
  await page.goto('/docs/pagination');
  const toc = page.getByRole('navigation', { name: 'On this page' });
  const entry = toc.getByRole('link', { name: 'Iterating every page' });
  await expect(entry).not.toHaveAttribute('aria-current', 'location');
  await entry.click();
  await expect(page).toHaveURL(/#iterating-every-page$/);
  await expect(entry).toHaveAttribute('aria-current', 'location');
  await expect(toc.locator('[aria-current="location"]')).toHaveCount(1);
  await expect(page.getByRole('heading', { name: 'Iterating every page' })).toBeInViewport();
});

test('previous and next links follow the sidebar order', async ({ page }) => {
  await page.goto(guides[1]!.href);
  const pager = page.getByRole('navigation', { name: 'Previous and next pages' });
  await expect(pager.getByRole('link', { name: new RegExp(guides[0]!.title) })).toHaveAttribute(
    'href',
    guides[0]!.href,
  );
  await pager.getByRole('link', { name: new RegExp(guides[2]!.title) }).click();
  await expect(page).toHaveURL(new RegExp(`${guides[2]!.href}$`));
});

test('a code block copies exactly the code it shows', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/docs/pagination');
  const block = page.locator('[data-copyable]').filter({ hasText: 'allProjects' }).first();
  await block.getByRole('button', { name: 'Copy code' }).click();
  await expect(block.getByRole('status')).toHaveText('Copied');
  const shown = await block.locator('pre').innerText();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(shown.replace(/\n$/, ''));
  expect(copied).toContain('async function* allProjects()');
});

test('"Copy as Markdown" copies the Markdown twin', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/docs/idempotency');
  await page.getByRole('button', { name: 'Copy as Markdown' }).click();
  await expect(page.getByText('Page copied as Markdown')).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied.startsWith('# Idempotency\n')).toBe(true);
});

test('the quickstart copied as Markdown names the origin the reader is on', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/docs/quickstart');
  await page.getByRole('button', { name: 'Copy as Markdown' }).click();
  await expect(page.getByText('Page copied as Markdown')).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  const origin = new URL(baseURL ?? page.url()).origin;
  expect(copied).toContain(`curl -sS -X POST ${origin}/sandbox/apps`);
  if (origin !== 'http://localhost:3000') expect(copied).not.toContain('http://localhost:3000');
});

test('every guide has a Markdown twin at <path>.md', async ({ request }) => {
  for (const guide of guides) {
    const response = await request.get(`${guide.href}.md`);
    expect(response.status(), guide.href).toBe(200);
    expect(response.headers()['content-type']).toContain('text/markdown');
    const text = await response.text();
    expect(text.startsWith(`# ${guide.title}\n`)).toBe(true);
    expect(text, 'no MDX left in the Markdown').not.toMatch(/<(OperationLink|CodeSample|Callout|Steps|Cards|Tabs)\b/);
  }
  const quickstart = await (await request.get('/docs/quickstart.md')).text();
  expect(quickstart).toContain('`GET /v1/projects`');
});

test('llms.txt, llms-full.txt, sitemap.xml and robots.txt are served', async ({ request }) => {
  const index = await (await request.get('/llms.txt')).text();
  for (const guide of guides) expect(index).toContain(`${guide.href}.md`);
  expect(index).toContain('/reference/listProjects');
  const full = await (await request.get('/llms-full.txt')).text();
  expect(full).toContain('# Webhooks');
  expect(full).toContain('`GET /v1/projects`');
  expect(full).toContain('# List projects');
  const sitemap = await (await request.get('/sitemap.xml')).text();
  for (const guide of guides) expect(sitemap).toContain(`${guide.href}</loc>`);
  expect(await (await request.get('/robots.txt')).text()).toContain('Sitemap:');
});

test('guide pages carry title, description and Open Graph metadata', async ({ page }) => {
  await page.goto('/docs/rate-limits');
  await expect(page).toHaveTitle(/^Rate limits · AeThex Developers$/);
  await expect(page.locator('meta[name="description"]')).toHaveAttribute(
    'content',
    guides.find((g) => g.href === '/docs/rate-limits')!.description,
  );
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', 'Rate limits');
  await expect(page.locator('link[rel="alternate"][type="text/markdown"]')).toHaveAttribute(
    'href',
    /\/docs\/rate-limits\.md$/,
  );
});

const searches = [
  { keys: 'Control+K', query: '429', title: /429 Too Many Requests/, url: /\/reference\/errors#429$/ },
  { keys: '/', query: 'listProjects', title: /List projects/, url: /\/reference\/listProjects$/ },
  {
    keys: 'Control+K',
    query: 'member.invited',
    title: /member\.invited/,
    url: /\/reference\/webhooks\/member\.invited$/,
  },
];

for (const { keys, query, title, url } of searches) {
  test(`search finds ${query} with the keyboard alone (${keys})`, async ({ page }) => {
    await page.goto('/docs/quickstart');
    const box = page.getByRole('combobox', { name: /Search guides/ });
    // The shortcut listener is attached on hydration: press until the dialog opens (once it is open, stop).
    await expect(async () => {
      if (!(await box.isVisible())) await page.keyboard.press(keys);
      await expect(box).toBeFocused({ timeout: 1000 });
    }).toPass();
    await page.keyboard.type(query);
    const first = page.getByRole('listbox', { name: 'Results' }).getByRole('option').first();
    await expect(first).toHaveAttribute('aria-selected', 'true');
    await expect(first).toContainText(title);
    await expect(box).toHaveAttribute('aria-activedescendant', (await first.getAttribute('id')) ?? '');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(url);
  });
}

test('the search dialog is a focus trap, arrows move the selection, Escape returns focus', async ({ page }) => {
  await page.goto('/docs/quickstart');
  await page.waitForLoadState('networkidle');
  const button = page.getByRole('button', { name: /Search/ });
  await button.focus();
  await page.keyboard.press('Enter');
  const box = page.getByRole('combobox', { name: /Search guides/ });
  await expect(box).toBeFocused();
  await page.keyboard.type('rate');
  const options = page.getByRole('option');
  await expect(options.nth(1)).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowUp');
  await expect(options.nth(0)).toHaveAttribute('aria-selected', 'true');
  for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
  expect(await page.evaluate(() => !!document.activeElement?.closest('dialog'))).toBe(true);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(button).toBeFocused();
});
