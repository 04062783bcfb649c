import { describe, expect, it } from 'vitest';

import { listGuides } from '../content';
import { siteUrl } from '../site';
import { API_CATALOG_CONTENT_TYPE, apiCatalog, type LinkContext, type LinkTarget } from './api-catalog';

const catalog = apiCatalog();
const [self, ...apis] = catalog.linkset as [LinkContext, ...LinkContext[]];
const targets = (rel: string) => apis.flatMap((api) => (api[rel] ?? []) as LinkTarget[]);

describe('apiCatalog (RFC 9727)', () => {
  it('names the RFC 9727 profile in its linkset media type', () => {
    expect(API_CATALOG_CONTENT_TYPE).toBe(
      'application/linkset+json; profile="https://www.rfc-editor.org/info/rfc9727"',
    );
  });

  it('lists each API as an item of the catalog itself', () => {
    expect(self.anchor).toBe(`${siteUrl()}/.well-known/api-catalog`);
    expect(self.item).toEqual(apis.map((api) => ({ href: api.anchor })));
  });

  it('links the production API, the sandbox and the MCP server', () => {
    expect(apis.map((api) => api.anchor)).toEqual([
      'https://api.aethex.dev',
      `${siteUrl()}/sandbox`,
      `${siteUrl()}/mcp`,
    ]);
  });

  it('describes both APIs with the OpenAPI document in YAML and JSON', () => {
    for (const api of apis.slice(0, 2))
      expect((api['service-desc'] as LinkTarget[]).map((t) => t.href)).toEqual([
        `${siteUrl()}/openapi.yaml`,
        `${siteUrl()}/openapi.json`,
      ]);
  });

  it('links only guides that exist, with absolute URLs on the site origin', () => {
    const guides = new Set(listGuides().map((guide) => `${siteUrl()}${guide.href}`));
    const docs = targets('service-doc').map((t) => t.href);
    expect(docs).toContain(`${siteUrl()}/docs/use-with-ai`);
    for (const href of docs.filter((h) => h.includes('/docs/'))) expect(guides).toContain(href);
    for (const target of [...targets('service-desc'), ...targets('service-doc'), ...targets('service-meta')])
      expect(target.href.startsWith(`${siteUrl()}/`)).toBe(true);
  });
});
