/**
 * Where Markdown twins are served from and which requests get one. The route app/md/[...slug] serves every twin;
 * next.config.mjs rewrites `<page>.md` to it and proxy.ts rewrites a page URL requested with `Accept: text/markdown`.
 * This module stays free of the model and the content so the proxy can import it cheaply.
 */

/** The internal route that serves twins. */
export const MARKDOWN_ROUTE = '/md';

/**
 * The route's slug of a twin.
 * @param twin a twin path, `/reference/createProject.md`, `/index.md`
 * @returns `['reference', 'createProject']`, `['index']`
 */
export function markdownRouteSlug(twin: string): string[] {
  return twin.replace(/^\//, '').replace(/\.md$/, '').split('/');
}

/**
 * The internal route path that serves a page's twin.
 * @param pathname a page path (`/`, `/reference/listProjects`)
 * @returns `/md/index`, `/md/reference/listProjects`
 */
export function markdownRoutePath(pathname: string): string {
  return `${MARKDOWN_ROUTE}/${pathname === '/' ? 'index' : pathname.replace(/^\/+|\/+$/g, '')}`;
}

/** One media range of an Accept header, with its weight. */
type Range = { type: string; subtype: string; q: number };

function parseAccept(accept: string): Range[] {
  return accept.split(',').flatMap((part) => {
    const [range = '', ...params] = part.split(';').map((piece) => piece.trim().toLowerCase());
    const [type, subtype] = range.split('/');
    if (!type || !subtype) return [];
    const qParam = params.find((param) => param.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    return Number.isFinite(q) ? [{ type, subtype, q: Math.min(Math.max(q, 0), 1) }] : [];
  });
}

/** The weight of a media type: the most specific matching range's q (RFC 9110 §12.5.1), 0 when none matches. */
function weight(ranges: Range[], type: string, subtype: string): number {
  const exact = ranges.find((r) => r.type === type && r.subtype === subtype);
  const sub = ranges.find((r) => r.type === type && r.subtype === '*');
  const any = ranges.find((r) => r.type === '*' && r.subtype === '*');
  return (exact ?? sub ?? any)?.q ?? 0;
}

/**
 * Whether a request's Accept header asks for Markdown rather than HTML (RFC 9110 §12.5.1 weights). Markdown wins
 * only when the client names `text/markdown` itself with a weight above 0 and at least that of `text/html` (which
 * `text/*` and `*\/*` also match): a browser's `text/html,…,*\/*;q=0.8` gets HTML; `text/markdown`,
 * `text/markdown, text/html` and `text/html;q=0.5, text/markdown` get Markdown.
 * @param accept the Accept header, or `null`
 */
export function prefersMarkdown(accept: string | null): boolean {
  if (!accept) return false;
  const ranges = parseAccept(accept);
  const markdown = ranges.find((r) => r.type === 'text' && r.subtype === 'markdown')?.q ?? 0;
  return markdown > 0 && markdown >= weight(ranges, 'text', 'html');
}
