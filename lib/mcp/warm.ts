/**
 * Pays the MCP tools' one-time costs when the server starts rather than on an agent's first call: the search index
 * (about 1.5 s: every guide is compiled for its headings) and every page's Markdown (about 50 ms a page cold, 1.5 s
 * in all). Pages are rendered one per event-loop turn, so requests arriving meanwhile wait at most one page.
 */
import { listMarkdownPages, pageMarkdown } from '@/lib/markdown/pages';

import { searchDocs } from './search';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Builds the search index and renders every page's Markdown into their caches, in the background.
 * @returns a promise that settles when both are warm; it never rejects (a failure is left to the first real call,
 *   which reports it)
 */
export async function warmMcp(): Promise<void> {
  await nextTurn();
  await searchDocs('warm', 1).catch(() => undefined);
  for (const page of listMarkdownPages()) {
    await nextTurn();
    try {
      pageMarkdown(page.href);
    } catch {
      // Left to the first read of that page, which answers with a tool error.
    }
  }
}
