/**
 * Every page of the site with its Markdown twin (`<page>.md`, `/index.md` for home): the list for `llms.txt`, the
 * sitemap check and the MCP server's resources, and the Markdown itself, generated from the one API model
 * (lib/openapi/) and the content loader (lib/content/). Served by app/md/[...slug]/route.ts, at `<page>.md` and for
 * `Accept: text/markdown` on the page URL (proxy.ts).
 */
import { LRUCache } from 'lru-cache';
import type { Root } from 'mdast';

import { guideMarkdown, listGuides } from '../content';
import { markdownResolvers } from '../content/resolvers';
import { allPageHrefs } from '../navigation';
import { getOperation, listWebhooks } from '../openapi';
import { PAGE_META, type PageMeta } from '../page-meta';
import { markdownHref, operationHref, pageOfPath, PATHS, webhookHref } from '../urls';
import { operationTree } from './operation-page';
import { errorsTree, overviewTree } from './reference-pages';
import { mdastToMarkdown } from './render';
import { consoleTree, explorerTree, homeTree } from './site-pages';
import { webhookIndexTree, webhookTree } from './webhook-page';

/** One page of the site with its Markdown twin. */
export interface MarkdownPage {
  /** The page path, e.g. `/reference/createProject`; `/` for home. */
  href: string;
  /** Its twin, `markdownHref(href)`: `/reference/createProject.md`, `/index.md` for `/`. */
  markdownHref: string;
  title: string;
  /** One line. */
  description: string;
  /** What the page is; the webhook index (`/reference/webhooks`) is an `overview`, each event a `webhook`. */
  kind: 'home' | 'guide' | 'overview' | 'operation' | 'webhook' | 'errors' | 'console' | 'explorer';
}

/** A page and how to write its Markdown. */
type Entry = MarkdownPage & { render: () => string };

/** The fixed pages by path: kind, title and description, and the tree of their Markdown. */
const FIXED: Readonly<Record<string, readonly [MarkdownPage['kind'], PageMeta, (meta: PageMeta) => Root]>> = {
  [PATHS.home]: ['home', PAGE_META.home, homeTree],
  [PATHS.reference]: ['overview', PAGE_META.reference, overviewTree],
  [PATHS.webhooks]: ['overview', PAGE_META.webhooks, webhookIndexTree],
  [PATHS.errors]: ['errors', PAGE_META.errors, errorsTree],
  [PATHS.console]: ['console', PAGE_META.console, consoleTree],
  [PATHS.explorer]: ['explorer', PAGE_META.explorer, explorerTree],
};

/** The entry of a page path, or `undefined` when no page has it. */
function entryOf(href: string): Entry | undefined {
  const page = (kind: MarkdownPage['kind'], meta: PageMeta, render: () => string): Entry => ({
    href,
    markdownHref: markdownHref(href),
    title: meta.title,
    description: meta.description,
    kind,
    render,
  });
  const guide = listGuides().find((meta) => meta.href === href);
  if (guide) return page('guide', guide, () => guideMarkdown(guide, markdownResolvers()));
  const operationId = href.startsWith(`${PATHS.reference}/`)
    ? decodeURIComponent(href.slice(PATHS.reference.length + 1))
    : '';
  const operation = getOperation(operationId);
  if (operation && operationHref(operation.operationId) === href) {
    const meta = {
      title: operation.summary || operation.operationId,
      description: `${operation.method} ${operation.path}: ${operation.summary}.`,
    };
    return page('operation', meta, () => mdastToMarkdown(operationTree(operation)));
  }
  const webhook = listWebhooks().find((event) => webhookHref(event.event) === href);
  if (webhook) {
    const meta = { title: `${webhook.event} webhook`, description: webhook.summary };
    return page('webhook', meta, () => mdastToMarkdown(webhookTree(webhook)));
  }
  const fixed = Object.hasOwn(FIXED, href) ? FIXED[href] : undefined;
  if (!fixed) return undefined;
  const [kind, meta, build] = fixed;
  return page(kind, meta, () => mdastToMarkdown(build(meta)));
}

let entries: Map<string, Entry> | undefined;

/** Every page's entry by path, built once per process (the model and the guides do not change at run time). */
function allEntries(): Map<string, Entry> {
  entries ??= new Map(
    allPageHrefs().flatMap((href) => {
      const entry = entryOf(href);
      if (!entry) throw new Error(`lib/markdown/pages: no Markdown twin for the page ${href}`);
      return [[href, entry] as const];
    }),
  );
  return entries;
}

/**
 * Every page of `allPageHrefs()` (lib/navigation.ts), in that order, each with its twin.
 * @returns fresh objects (callers may keep or change them)
 * @throws Error naming a page of the navigation that has no Markdown (a new kind of page: add it here)
 */
export function listMarkdownPages(): MarkdownPage[] {
  return [...allEntries().values()].map(pageOf);
}

/**
 * The page a path or twin names, with its twin.
 * @param pathOrTwin the forms pageMarkdown accepts (`/reference/createProject`, `…/createProject.md`, `/index.md`)
 * @returns a fresh object, or undefined for anything that is not a page
 */
export function findMarkdownPage(pathOrTwin: string): MarkdownPage | undefined {
  if (!pathOrTwin.startsWith('/')) return undefined;
  const entry = allEntries().get(pageOfPath(pathOrTwin));
  return entry && pageOf(entry);
}

function pageOf({ href, markdownHref: twin, title, description, kind }: Entry): MarkdownPage {
  return { href, markdownHref: twin, title, description, kind };
}

// A few hundred pages at most, a few kB each: all of them fit; a miss costs one render (≈ms).
// One cache per process, not per bundle: Next compiles instrumentation.ts (which warms it, lib/mcp/warm.ts) and each
// route into separate bundles, each with its own copy of this module.
const RENDERED = Symbol.for('aethex.markdown.rendered');
const holder = globalThis as { [RENDERED]?: LRUCache<string, string> };
const rendered = (holder[RENDERED] ??= new LRUCache<string, string>({ max: 1_000 }));

/**
 * The Markdown of a page (CommonMark + GFM, every text escaped by `mdastToMarkdown`).
 * @param pathOrTwin `/reference/createProject`, `/reference/createProject.md`, with or without a trailing `/`;
 *   `/`, `/index.md` for home
 * @returns the Markdown ending in a newline, links absolute on the site origin; `undefined` for anything that is
 *   not a page (also for a path not starting with `/`). Cached (LRU): a repeated read is a map lookup.
 */
export function pageMarkdown(pathOrTwin: string): string | undefined {
  if (!pathOrTwin.startsWith('/')) return undefined;
  const href = pageOfPath(pathOrTwin);
  const hit = rendered.get(href);
  if (hit !== undefined) return hit;
  const entry = allEntries().get(href);
  if (!entry) return undefined;
  const markdown = entry.render();
  rendered.set(href, markdown);
  return markdown;
}

/**
 * Renders every page's Markdown into the cache (≈1.5 s in all, ≈50 ms a page cold; a cached read takes microseconds),
 * so a server that must answer fast from its first request (the MCP endpoint) can pay it at start.
 * @returns the number of pages rendered
 */
export function warmMarkdownPages(): number {
  const pages = listMarkdownPages();
  for (const page of pages) pageMarkdown(page.href);
  return pages.length;
}
