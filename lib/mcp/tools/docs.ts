/** The documentation tools `search_docs` and `read_page`: the site's search and the Markdown of its pages. */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

import { findMarkdownPage, pageMarkdown } from '@/lib/markdown/pages';
import { siteUrl } from '@/lib/site';
import { absoluteUrl } from '@/lib/urls';

import type { McpContext } from '../context';
import { MAX_PAGE_BYTES, SEARCH_LIMITS } from '../limits';
import { capBytes, guarded, structured, toolError } from '../result';
import { searchDocs } from '../search';
import { READ_ONLY_DOCS } from './annotations';

const KINDS = ['guide', 'section', 'operation', 'webhook', 'error', 'field'] as const;

const hitSchema = z.object({
  title: z.string(),
  kind: z.enum(KINDS),
  url: z.string().describe('Absolute URL of the page (with a #fragment for a heading or field).'),
  section: z.string(),
  snippet: z.string(),
});

/** How to find pages, said in every "no such page" answer. */
const FINDING_PAGES =
  'Pages are guides (/docs/<slug>, e.g. /docs/rate-limits), operations (/reference/<operationId>, e.g. /reference/listProjects), webhook events (/reference/webhooks/<event>), /reference/errors and /reference. Call search_docs to find a page, or list the resources (each page’s Markdown).';

/**
 * The site path a read_page argument names: a path, a `.md` twin, or an absolute URL on the site's origin (PORTAL_URL)
 * or the request's own; query and fragment are ignored.
 * @returns the path, or an error message for a URL on another origin
 */
export function pagePathOf(input: string, ctx: Pick<McpContext, 'origin'>): { path: string } | { error: string } {
  const text = input.trim();
  if (/^[a-z][a-z0-9+.-]*:/i.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return { error: `“${text.slice(0, 200)}” is not a URL or a site path. ${FINDING_PAGES}` };
    }
    const own = [ctx.origin, new URL(siteUrl()).origin];
    if (!own.includes(url.origin))
      return { error: `read_page reads this site’s pages only (${own[1]}); not ${url.origin}. ${FINDING_PAGES}` };
    return { path: url.pathname };
  }
  const path = text.replace(/[?#].*$/, '');
  return { path: path.startsWith('/') ? path : `/${path}` };
}

/** The `search_docs` tool's title, description, schemas and annotations (built once: zod schemas cost per build). */
const CONFIG_SEARCH_DOCS = {
  title: 'Search the AeThex docs',
  description:
    'Searches the AeThex Developer Portal (guides and their sections, API operations, webhook events, error codes, schema fields) with the site’s own search. Returns ranked hits, best first, each with title, kind, absolute URL and a snippet. Read a hit with read_page, an operation with get_operation.',
  inputSchema: {
    query: z.string().trim().min(1).max(200).describe('Words to search for, e.g. "rate limit" or "429".'),
    limit: z
      .number()
      .int()
      .min(1)
      .max(SEARCH_LIMITS.max)
      .optional()
      .describe(`Most hits to return (default ${SEARCH_LIMITS.default}).`),
  },
  outputSchema: { query: z.string(), hits: z.array(hitSchema) },
  annotations: READ_ONLY_DOCS,
};

/**
 * Registers `search_docs(query, limit?)`: ranked guides, guide sections, operations, webhook events, errors and
 * schema fields of the site search, each with title, kind, absolute URL and a snippet.
 */
export function registerSearchDocs(server: McpServer): void {
  server.registerTool(
    'search_docs',
    CONFIG_SEARCH_DOCS,
    guarded('search_docs', async ({ query, limit }) => {
      const hits = await searchDocs(query, limit ?? SEARCH_LIMITS.default);
      return structured({ query, hits });
    }),
  );
}

/** The `read_page` tool's title, description, schemas and annotations (built once: zod schemas cost per build). */
const CONFIG_READ_PAGE = {
  title: 'Read a docs page as Markdown',
  description: `Returns the Markdown of one page of the AeThex Developer Portal: a guide, an operation’s reference, a webhook event, the errors page. Accepts a site path (/docs/rate-limits), its .md twin (/docs/rate-limits.md) or an absolute URL on the site. Pages over ${MAX_PAGE_BYTES / 1024} KiB are cut with a notice.`,
  inputSchema: {
    path: z.string().trim().min(1).max(500).describe('A site path, its .md twin or an absolute URL on the site.'),
  },
  outputSchema: {
    url: z.string(),
    markdown_url: z.string(),
    title: z.string(),
    markdown: z.string(),
    truncated: z.boolean(),
  },
  annotations: READ_ONLY_DOCS,
};

/** Registers `read_page(path)`: the Markdown of any page of the site (guides, reference, errors, webhooks…). */
export function registerReadPage(server: McpServer, ctx: McpContext): void {
  server.registerTool(
    'read_page',
    CONFIG_READ_PAGE,
    guarded('read_page', ({ path: input }) => {
      const located = pagePathOf(input, ctx);
      if ('error' in located) return toolError(located.error);
      const page = findMarkdownPage(located.path);
      const markdown = page && pageMarkdown(page.href);
      if (!page || markdown === undefined)
        return toolError(`No page at “${located.path.slice(0, 200)}”. ${FINDING_PAGES}`);
      const cut = capBytes(markdown, MAX_PAGE_BYTES);
      const text = cut.truncated
        ? `${cut.text}\n\n[Truncated at ${MAX_PAGE_BYTES} bytes: the full page is ${absoluteUrl(page.markdownHref)}]\n`
        : cut.text;
      return structured(
        {
          url: absoluteUrl(page.href),
          markdown_url: absoluteUrl(page.markdownHref),
          title: page.title,
          markdown: text,
          truncated: cut.truncated,
        },
        text,
      );
    }),
  );
}
