/**
 * Resources of the MCP server: the Markdown of every page of the site (lib/markdown/pages.ts), one static resource
 * per page, its URI the page's absolute `.md` twin URL. resources/read of any other URI is the SDK's
 * "Resource not found" JSON-RPC error (-32602).
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

import { listMarkdownPages, pageMarkdown } from '@/lib/markdown/pages';
import { absoluteUrl } from '@/lib/urls';

import { MAX_PAGE_BYTES } from './limits';
import { capBytes } from './result';

/** Registers one `text/markdown` resource per page of the site. */
export function registerPageResources(server: McpServer): void {
  for (const page of listMarkdownPages()) {
    const uri = absoluteUrl(page.markdownHref);
    server.registerResource(
      page.markdownHref,
      uri,
      { title: page.title, description: page.description, mimeType: 'text/markdown' },
      () => {
        const cut = capBytes(pageMarkdown(page.href) ?? '', MAX_PAGE_BYTES);
        const text = cut.truncated ? `${cut.text}\n\n[Truncated at ${MAX_PAGE_BYTES} bytes]\n` : cut.text;
        return { contents: [{ uri, mimeType: 'text/markdown', text }] };
      },
    );
  }
}
