/**
 * Every URL the portal makes, in one place: page paths, their Markdown twins, the anchors inside
 * reference pages, absolute forms on the site origin and the problem `type` URIs of the API.
 * Pages, the navigation, the sitemap, robots.txt, llms.txt, the search index, the Markdown
 * renderers and the sandbox build links from these functions instead of writing paths by hand.
 */
import { siteUrl } from './site';

/** Paths of the fixed pages and machine-readable outputs. */
export const PATHS = {
  home: '/',
  /** The site icon (app/icon.svg). */
  icon: '/icon.svg',
  guides: '/docs',
  reference: '/reference',
  webhooks: '/reference/webhooks',
  errors: '/reference/errors',
  explorer: '/reference/explorer',
  console: '/console',
  consoleCallback: '/console/callback',
  sandbox: '/sandbox',
  sitemap: '/sitemap.xml',
  llms: '/llms.txt',
  llmsFull: '/llms-full.txt',
  openapiYaml: '/openapi.yaml',
  openapiJson: '/openapi.json',
  searchIndex: '/search-index.json',
  /** The MCP server (Streamable HTTP transport). */
  mcp: '/mcp',
  /** The API catalog (RFC 9727). */
  apiCatalog: '/.well-known/api-catalog',
} as const;

/**
 * The origin of the production documentation. Problem `type` URIs use it rather than the portal's own
 * origin: a `type` is an identifier clients compare (RFC 9457 §3.1.1), the document's `Problem` schema
 * promises `https://docs.aethex.dev/reference/errors#<status>`, and the sandbox must answer exactly what
 * production answers whatever host the portal runs on.
 */
const PRODUCTION_DOCS_ORIGIN = 'https://docs.aethex.dev';

/**
 * The page of a guide.
 * @param slug URL segments under `/docs` (`['rate-limits']`) or the joined form (`'rate-limits'`)
 * @returns `/docs/<slug>`
 */
export function guideHref(slug: readonly string[] | string): string {
  return `${PATHS.guides}/${typeof slug === 'string' ? slug : slug.join('/')}`;
}

/** The Markdown twin of the home page: `/.md` would be a hidden file, so home's twin is named `index`. */
const HOME_TWIN = '/index.md';

/**
 * The Markdown twin of a page (next.config.mjs rewrites every `<page>.md` to app/md).
 * @param pageHref a page path such as `/docs/pagination`, or `/` for home
 * @returns `/docs/pagination.md`; `/index.md` for `/`
 */
export function markdownHref(pageHref: string): string {
  return pageHref === PATHS.home ? HOME_TWIN : `${pageHref}.md`;
}

/**
 * The page a path names: a page path itself, or its Markdown twin, with a trailing slash ignored.
 * @param pathOrTwin `/reference/createProject`, `/reference/createProject.md`, `/docs/x/`, `/index.md`
 * @returns the page path (`/` for home); whether it is a page at all is for the caller to check
 */
export function pageOfPath(pathOrTwin: string): string {
  const trimmed = pathOrTwin.replace(/(.)\/+$/, '$1');
  if (trimmed === HOME_TWIN) return PATHS.home;
  return trimmed.replace(/\.md$/, '') || PATHS.home;
}

/** The page of an operation: `/reference/<operationId>`. */
export function operationHref(operationId: string): string {
  return `${PATHS.reference}/${encodeURIComponent(operationId)}`;
}

/**
 * The console, optionally opened on one operation.
 * @param operationId preselects that operation (`/console?operation=listProjects`)
 */
export function consoleHref(operationId?: string): string {
  return operationId ? `${PATHS.console}?operation=${encodeURIComponent(operationId)}` : PATHS.console;
}

/** The page of a webhook event: `/reference/webhooks/<event>` (`deployment.succeeded`, …). */
export function webhookHref(event: string): string {
  return `${PATHS.webhooks}/${encodeURIComponent(event)}`;
}

/** The anchor id of an error code's entry on the errors page: the status itself (`429`). */
export function errorAnchor(status: number | string): string {
  return String(status);
}

/** An error code's entry on the errors page: `/reference/errors#429`. */
export function errorHref(status: number | string): string {
  return `${PATHS.errors}#${errorAnchor(status)}`;
}

/** The anchor id of one response (by status) on an operation's page: `response-200`. */
export function responseAnchor(status: number | string): string {
  return `response-${status}`;
}

/** Where a field of an operation is documented: a parameter, a request-body field or a response field. */
export type FieldLocation = { in: 'param' } | { in: 'body' } | { in: 'response'; status: number | string };

/**
 * The anchor id of a field on an operation's page. Anchors are stable: they derive from the document's names
 * only, never from the order of fields or from React ids. White space (not allowed in an HTML id) becomes `-`.
 * @param location parameter, body field or field of the response with that status
 * @param name the field name; a nested field uses its dotted path (`settings.region`): array items add no
 *   segment (`data.id` is the `id` of each item of `data`; `items` only where an object also has items), the values
 *   of a map add `*` (`labels.*.color`) and the options of a `oneOf`/`anyOf` add `option-<n>`, counted from 1
 *   (`source.option-2.url`)
 * @returns `param-limit`, `body-settings.region`, `response-200-data.id`
 */
export function fieldAnchor(location: FieldLocation, name: string): string {
  const prefix = location.in === 'response' ? responseAnchor(location.status) : location.in;
  return `${prefix}-${name.replace(/\s+/g, '-')}`;
}

/**
 * A field on an operation's page: `/reference/listProjects#param-limit`.
 * @param name as for {@link fieldAnchor}; a header parameter's name lowercased, as {@link parameterAnchors} makes it
 */
export function fieldHref(operationId: string, location: FieldLocation, name: string): string {
  return `${operationHref(operationId)}#${fieldAnchor(location, name)}`;
}

/**
 * The anchor ids of an operation's parameters, in their order. A header's name is lowercased: HTTP field names
 * are case-insensitive (RFC 9110 §5.1), so `X-Request-ID` and `x-request-id` name one anchor. A name used in two
 * locations (a `path` and a `query` parameter both called `id`) gets its location too, so ids stay unique.
 * @param parameters `name` and `in` of each Parameter Object
 * @returns `param-limit`, `param-x-request-id`; for a shared name `param-path-id`, `param-query-id`
 */
export function parameterAnchors(parameters: readonly { name: string; in: string }[]): string[] {
  const key = (parameter: { name: string; in: string }) =>
    parameter.in === 'header' ? parameter.name.toLowerCase() : parameter.name;
  const seen = new Map<string, number>();
  for (const parameter of parameters) seen.set(key(parameter), (seen.get(key(parameter)) ?? 0) + 1);
  return parameters.map((parameter) =>
    fieldAnchor({ in: 'param' }, seen.get(key(parameter)) === 1 ? key(parameter) : `${parameter.in}-${key(parameter)}`),
  );
}

/**
 * The anchor id of a response header on an operation's page, lowercased as HTTP field names are case-insensitive
 * (RFC 9110 §5.1); `header-` keeps it apart from the response's body fields.
 * @param status the response status (`200`, `'4XX'`)
 * @param name the header name, any case
 * @returns `response-200-header-x-request-id`
 */
export function headerAnchor(status: number | string, name: string): string {
  return fieldAnchor({ in: 'response', status }, `header-${name.toLowerCase()}`);
}

/**
 * A site path on the portal's public origin (`siteUrl()`); other URLs are returned unchanged.
 * @param path `/docs/x` (or `/`, which gives the bare origin)
 * @returns `https://portal.example/docs/x`
 */
export function absoluteUrl(path: string): string {
  if (!path.startsWith('/')) return path;
  return `${siteUrl()}${path === PATHS.home ? '' : path}`;
}

/** The RFC 9457 problem `type` URI of an HTTP error status, on the production docs origin. */
export function problemTypeUri(status: number): string {
  return `${PRODUCTION_DOCS_ORIGIN}${errorHref(status)}`;
}
