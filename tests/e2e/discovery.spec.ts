import { expect, test } from '@playwright/test';

type Target = { href: string; type?: string };
type Context = { anchor: string } & Record<string, string | Target[]>;

/** The path of an absolute URL on the site origin (the build's PORTAL_URL), to fetch it from this server. */
const localPath = (href: string) => {
  const url = new URL(href);
  return url.pathname + url.search;
};

test('the API catalog (RFC 9727) is a linkset whose links all resolve on this server', async ({ request }) => {
  const response = await request.get('/.well-known/api-catalog');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe(
    'application/linkset+json; profile="https://www.rfc-editor.org/info/rfc9727"',
  );
  const { linkset } = (await response.json()) as { linkset: Context[] };
  const [self, ...apis] = linkset as [Context, ...Context[]];
  expect(new URL(self.anchor).pathname).toBe('/.well-known/api-catalog');
  expect(apis.map((api) => new URL(api.anchor).pathname)).toEqual(expect.arrayContaining(['/sandbox', '/mcp']));
  const hrefs = apis.flatMap((api) =>
    ['service-desc', 'service-doc', 'service-meta'].flatMap((rel) => ((api[rel] ?? []) as Target[]).map((t) => t)),
  );
  expect(hrefs.length).toBeGreaterThan(5);
  for (const target of hrefs) {
    const linked = await request.get(localPath(target.href));
    expect(linked.status(), target.href).toBe(200);
    if (target.type) expect(linked.headers()['content-type'], target.href).toContain(target.type);
  }
});

test('HEAD of the API catalog carries its api-catalog link and no body', async ({ request }) => {
  const response = await request.head('/.well-known/api-catalog');
  expect(response.status()).toBe(200);
  expect(response.headers()['link']).toMatch(/<[^>]+\/\.well-known\/api-catalog>; rel="api-catalog"/);
  expect(await response.body()).toHaveLength(0);
});
