import { allNavigationHrefs } from '../../lib/navigation';
import { expect, test } from './fixtures';

/** Paths the crawler does not follow: the sandbox API (POST-only endpoints, tenant data). */
const SKIP = [/^\/sandbox(\/|$)/];

function decode(value: string): string {
  return value
    .replace(/&amp;/g, '&')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"');
}

/**
 * The link checker: crawls every page reachable from `/` and from the navigation, and fails on any
 * internal link that does not answer 200 or whose `#fragment` names no element id on its page.
 */
test('every internal link and #anchor resolves', async ({ request }) => {
  test.setTimeout(180_000);
  const ids = new Map<string, Set<string>>();
  const status = new Map<string, number>();
  const links: { from: string; href: string }[] = [];
  const queue = ['/', ...allNavigationHrefs()];
  while (queue.length > 0) {
    const path = queue.shift()!;
    if (status.has(path)) continue;
    const response = await request.get(path, { maxRedirects: 0 });
    status.set(path, response.status());
    const type = response.headers()['content-type'] ?? '';
    if (!response.ok() || !type.includes('text/html')) continue;
    const html = await response.text();
    ids.set(path, new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => decode(m[1]!))));
    for (const match of html.matchAll(/<a\s[^>]*href="([^"]+)"/g)) {
      const href = decode(match[1]!);
      if (!href.startsWith('/') && !href.startsWith('#')) continue;
      const target = new URL(href, `http://x${path}`);
      if (SKIP.some((re) => re.test(target.pathname))) continue;
      links.push({ from: path, href: target.pathname + target.hash });
      if (!status.has(target.pathname)) queue.push(target.pathname);
    }
  }
  const broken = links.filter(({ href }) => {
    const [pathname, hash] = href.split('#') as [string, string | undefined];
    if (status.get(pathname) !== 200) return true;
    return !!hash && ids.has(pathname) && !ids.get(pathname)!.has(decodeURIComponent(hash));
  });
  expect(broken.map((l) => `${l.from} → ${l.href} (${status.get(l.href.split('#')[0]!)})`)).toEqual([]);
  for (const href of allNavigationHrefs()) expect(status.get(href), href).toBe(200);
  expect(status.size).toBeGreaterThan(10);
});
