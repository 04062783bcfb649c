import { execFileSync } from 'node:child_process';

import type { APIRequestContext } from '@playwright/test';

import { AUTHORED_ORIGIN, siteUrl } from '../../lib/site';
import { markdownHref } from '../../lib/urls';
import { allowConsoleErrors, expect, test } from './fixtures';

/** The field names of a Vary header, lower-cased (`Accept-Encoding` is not `Accept`). */
const varyFields = (vary: string | undefined) => (vary ?? '').split(',').map((field) => field.trim().toLowerCase());

/** A browser's own Accept header for a navigation (Chromium's). */
const BROWSER_ACCEPT =
  'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7';

/** The page paths of the sitemap: what search engines, and this test, take as "every page". */
async function sitemapPaths(request: APIRequestContext): Promise<string[]> {
  const xml = await (await request.get('/sitemap.xml')).text();
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map(([, loc = '']) => new URL(loc).pathname);
}

test('every page of the sitemap has a Markdown twin, also served for Accept: text/markdown', async ({ request }) => {
  test.setTimeout(180_000);
  const paths = await sitemapPaths(request);
  expect(paths.length).toBeGreaterThan(20);
  expect(paths).toContain('/');
  for (const path of paths) {
    const twin = await request.get(markdownHref(path));
    expect(twin.status(), markdownHref(path)).toBe(200);
    expect(twin.headers()['content-type'], path).toBe('text/markdown; charset=utf-8');
    const markdown = await twin.text();
    expect(markdown, path).toMatch(/^# \S/);

    const negotiated = await request.get(path, { headers: { Accept: 'text/markdown' } });
    expect(negotiated.status(), path).toBe(200);
    expect(negotiated.headers()['content-type'], path).toBe('text/markdown; charset=utf-8');
    expect(varyFields(negotiated.headers().vary), path).toContain('accept');
    expect(await negotiated.text(), path).toBe(markdown);

    const html = await request.get(path, { headers: { Accept: BROWSER_ACCEPT } });
    expect(html.status(), path).toBe(200);
    expect(html.headers()['content-type'], path).toContain('text/html');
    expect(varyFields(html.headers().vary), path).toContain('accept');
    expect(html.headers()['content-security-policy'], path).toBeTruthy();
    const alternates = [...(await html.text()).matchAll(/<link[^>]*type="text\/markdown"[^>]*>/g)].map(([tag]) => tag);
    expect(
      alternates.some(
        (tag) =>
          tag.includes(`href="${siteUrl()}${markdownHref(path)}"`) || tag.includes(`href="${markdownHref(path)}"`),
      ),
      `${path} links its twin as rel=alternate: ${alternates.join(' ')}`,
    ).toBe(true);
  }
});

test('curl -H "Accept: text/markdown" /reference/listProjects gets the operation as Markdown', async ({ baseURL }) => {
  const out = execFileSync('curl', ['-sS', '-i', '-H', 'Accept: text/markdown', `${baseURL}/reference/listProjects`], {
    encoding: 'utf8',
  });
  const [head = '', body = ''] = out.split(/\r\n\r\n/, 2);
  expect(head).toMatch(/^HTTP\/1\.1 200/);
  expect(head).toMatch(/content-type: text\/markdown; charset=utf-8/i);
  expect(body).toMatch(/^# List projects/);
  expect(body).toContain('`GET /v1/projects`');
  expect(body).toContain('operationId: `listProjects`');
  expect(body).toContain('```bash');
  // Plain curl (Accept: */*) still gets the HTML page.
  const html = execFileSync(
    'curl',
    ['-sS', '-o', '/dev/null', '-w', '%{content_type}', `${baseURL}/reference/listProjects`],
    {
      encoding: 'utf8',
    },
  );
  expect(html).toContain('text/html');
});

test('HEAD negotiates too; what is not a page has no twin', async ({ request }) => {
  const head = await request.head('/reference/webhooks/deployment.succeeded', {
    headers: { Accept: 'text/markdown' },
  });
  expect(head.status()).toBe(200);
  expect(head.headers()['content-type']).toBe('text/markdown; charset=utf-8');
  for (const path of ['/nope.md', '/reference/nope.md', '/docs/nope.md', '/md/nope', '/reference/webhooks/x.md'])
    expect((await request.get(path)).status(), path).toBe(404);
  expect((await request.get('/reference/nope', { headers: { Accept: 'text/markdown' } })).status()).toBe(404);
  expect((await request.get('/docs/pagination.md')).status()).toBe(200);
  expect(await (await request.get('/llms.txt')).text()).toContain(`${siteUrl()}/reference/listProjects.md`);
});

/** One page of each kind, with the heading its twin opens with. */
const MENU_PAGES: [path: string, heading: string][] = [
  ['/', '# AeThex Developers'],
  ['/docs/idempotency', '# Idempotency'],
  ['/reference', '# API reference'],
  ['/reference/createProject', '# Create a project'],
  ['/reference/errors', '# Errors'],
  ['/reference/webhooks', '# Webhook events'],
  ['/reference/webhooks/deployment.succeeded', '# deployment.succeeded'],
  ['/reference/explorer', '# API explorer'],
  ['/console', '# Console'],
];

for (const [path, heading] of MENU_PAGES) {
  test(`${path}: the page menu copies and links the Markdown twin`, async ({
    page,
    context,
    request,
    baseURL,
    problems,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto(path);
    const menu = page.getByRole('group', { name: 'Page as Markdown' });
    const view = menu.getByRole('link', { name: 'View as Markdown' });
    await expect(view).toHaveAttribute('href', markdownHref(path));
    await menu.getByRole('button', { name: 'Copy as Markdown' }).click();
    await expect(menu.getByRole('status')).toHaveText('Page copied as Markdown');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    const origin = new URL(baseURL ?? page.url()).origin;
    const twin = (await (await request.get(markdownHref(path))).text())
      .replaceAll(siteUrl(), origin)
      .replaceAll(AUTHORED_ORIGIN, origin);
    expect(copied.startsWith(heading)).toBe(true);
    expect(copied).toBe(twin);
    const response = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(markdownHref(path))),
      view.click(),
    ]);
    expect(response[0].headers()['content-type']).toBe('text/markdown; charset=utf-8');
    await expect(page).toHaveURL(new RegExp(`${markdownHref(path).replace(/\./g, '\\.')}$`));
    // A Markdown document has no favicon: Chromium logs the 404 of /favicon.ico itself; nothing else may be logged.
    await page.waitForTimeout(300);
    allowConsoleErrors(problems, /404 \(Not Found\)/);
  });
}

test('the page menu is keyboard usable and fits a 375 px phone', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto('/reference/createProject');
  const copy = page.getByRole('button', { name: 'Copy as Markdown' });
  await copy.focus();
  await expect(copy).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'View as Markdown' })).toBeFocused();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
});
