/** The site's pages as the MCP server reads them (lib/markdown/pages.ts), listed once per process. */
import { listMarkdownPages, type MarkdownPage } from '@/lib/markdown/pages';

let pages: readonly MarkdownPage[] | undefined;

/** Every page of the site with its Markdown twin, in allPageHrefs() order (static: computed once). */
export function sitePages(): readonly MarkdownPage[] {
  pages ??= listMarkdownPages();
  return pages;
}

/**
 * The page a site path names: the page path itself (a trailing `/` allowed) or its `.md` twin (`/index.md` for home).
 * @returns undefined for anything that is not a page
 */
export function findPage(path: string): MarkdownPage | undefined {
  const bare = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return sitePages().find((page) => page.href === bare || page.markdownHref === bare);
}
