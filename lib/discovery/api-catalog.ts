/**
 * The API catalog of RFC 9727: a linkset (RFC 9264, JSON form) at `/.well-known/api-catalog` that lets a client
 * find the portal's APIs, their OpenAPI description and their documentation without reading a page. It lists
 * the production API and the sandbox (both described by the one OpenAPI document) and the MCP server.
 */
import { apiModel } from '../openapi';
import { absoluteUrl, guideHref, PATHS } from '../urls';

/** RFC 9727 §4.2: the profile the catalog's media type names. */
export const API_CATALOG_PROFILE = 'https://www.rfc-editor.org/info/rfc9727';

/** The media type of the catalog: JSON linkset with the RFC 9727 profile. */
export const API_CATALOG_CONTENT_TYPE = `application/linkset+json; profile="${API_CATALOG_PROFILE}"`;

/** One target of a link relation in a JSON linkset (RFC 9264 §4.2.4). */
export interface LinkTarget {
  href: string;
  type?: string;
  title?: string;
}

/** One link context object: an anchor and its relations (each a list of targets). */
export type LinkContext = { anchor: string } & Record<string, string | LinkTarget[]>;

/** The whole catalog document. */
export interface ApiCatalog {
  linkset: LinkContext[];
}

/** The OpenAPI document in both served forms, as `service-desc` targets (RFC 8631). */
function descriptions(): LinkTarget[] {
  return [
    { href: absoluteUrl(PATHS.openapiYaml), type: 'application/yaml', title: 'OpenAPI 3.1 document (YAML)' },
    { href: absoluteUrl(PATHS.openapiJson), type: 'application/json', title: 'OpenAPI 3.1 document (JSON)' },
  ];
}

/** Where the production API lives: the document's first absolute server URL. */
function productionBase(): string | undefined {
  return apiModel().servers.find((server) => /^https?:\/\//.test(server.url))?.url;
}

/**
 * The catalog: one link context for the catalog itself (`item` of each API, RFC 9727 §4.1), then one per API with
 * its `service-desc`, `service-doc` and `service-meta` links (RFC 8631). URLs are absolute on the site origin.
 * @returns the linkset, ready for `JSON.stringify`
 */
export function apiCatalog(): ApiCatalog {
  const production = productionBase();
  const sandbox = absoluteUrl(PATHS.sandbox);
  const mcp = absoluteUrl(PATHS.mcp);
  const docs: LinkTarget[] = [
    { href: absoluteUrl(PATHS.reference), type: 'text/html', title: 'API reference' },
    { href: absoluteUrl(guideHref('quickstart')), type: 'text/html', title: 'Quickstart' },
  ];
  const meta: LinkTarget[] = [{ href: absoluteUrl(PATHS.llms), type: 'text/plain', title: 'llms.txt' }];
  const apis: LinkContext[] = [
    ...(production
      ? [{ anchor: production, 'service-desc': descriptions(), 'service-doc': docs, 'service-meta': meta }]
      : []),
    {
      anchor: sandbox,
      'service-desc': descriptions(),
      'service-doc': [{ href: absoluteUrl(guideHref('sandbox')), type: 'text/html', title: 'Sandbox guide' }, ...docs],
      'service-meta': meta,
    },
    {
      anchor: mcp,
      'service-doc': [{ href: absoluteUrl(guideHref('use-with-ai')), type: 'text/html', title: 'Use with AI' }],
      'service-meta': meta,
    },
  ];
  return {
    linkset: [{ anchor: absoluteUrl(PATHS.apiCatalog), item: apis.map((api) => ({ href: api.anchor })) }, ...apis],
  };
}
