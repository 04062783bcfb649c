/**
 * Machine-readable text for language models, following the llms.txt proposal (https://llmstxt.org/):
 * `/llms.txt` is a Markdown index of every page's Markdown twin with one-line descriptions and the entry points
 * for AI agents; `/llms-full.txt` is every twin in one text. The twins are generated from the OpenAPI document
 * (lib/openapi/) and the guides (lib/content/) by lib/markdown/pages.ts, so neither can drift from them.
 */
import type { Root } from 'mdast';

import { absoluteLinks, heading, linkList, paragraph } from './markdown/blocks';
import { inlineCode, text } from './markdown/mdast';
import { listMarkdownPages, pageMarkdown, type MarkdownPage } from './markdown/pages';
import { mdastToMarkdown } from './markdown/render';
import { apiModel } from './openapi';
import { guideHref, PATHS } from './urls';

/** The sections of the index and the kinds of page each lists, in order. */
const SECTIONS: readonly { title: string; kinds: readonly MarkdownPage['kind'][] }[] = [
  { title: 'Guides', kinds: ['guide'] },
  { title: 'API reference', kinds: ['overview', 'operation', 'errors'] },
  { title: 'Webhook events', kinds: ['webhook'] },
  { title: 'Tools', kinds: ['home', 'console', 'explorer'] },
];

const twins = (pages: MarkdownPage[]) =>
  linkList(pages.map((page) => ({ title: page.title, url: page.markdownHref, after: [text(page.description)] })));

/**
 * The `/llms.txt` index: an H1, a blockquote summary, then each page's Markdown twin by section, the entry points
 * for AI agents and the optional full texts. Built as mdast, so titles and descriptions are escaped like every other
 * Markdown output.
 * @returns Markdown text ending in a newline; links are absolute on the site origin
 */
export function llmsIndex(): string {
  const { title, summary } = apiModel().info;
  const pages = listMarkdownPages();
  const tree: Root = {
    type: 'root',
    children: [
      heading(1, `${title || 'AeThex API'} developer portal`),
      {
        type: 'blockquote',
        children: [paragraph(text(`${summary} Guides, API reference, and a sandbox of the whole API.`))],
      },
      paragraph(
        text('Every page is also Markdown: add '),
        inlineCode('.md'),
        text(' to its URL ('),
        inlineCode('/index.md'),
        text(' for the home page), or send '),
        inlineCode('Accept: text/markdown'),
        text('.'),
      ),
      ...SECTIONS.flatMap(({ title: section, kinds }) => [
        heading(2, section),
        twins(pages.filter((page) => kinds.includes(page.kind))),
      ]),
      heading(2, 'AI agents'),
      linkList([
        {
          title: 'MCP server',
          url: PATHS.mcp,
          after: [
            text('Model Context Protocol over Streamable HTTP: search the docs, read any page, call the sandbox.'),
          ],
        },
        {
          title: 'API catalog',
          url: PATHS.apiCatalog,
          after: [text('RFC 9727 linkset of the OpenAPI document, the docs and the MCP endpoint.')],
        },
        {
          title: 'Use with AI',
          url: guideHref('use-with-ai'),
          after: [text('how to add the MCP server to common clients.')],
        },
      ]),
      heading(2, 'Optional'),
      linkList([
        {
          title: 'OpenAPI document (YAML)',
          url: PATHS.openapiYaml,
          after: [text('the single source of truth for the API.')],
        },
        {
          title: 'Full text',
          url: PATHS.llmsFull,
          after: [text('every page above in one Markdown file.')],
        },
      ]),
    ],
  };
  return mdastToMarkdown(absoluteLinks(tree));
}

/**
 * `/llms-full.txt`: the Markdown twin of every page, in `listMarkdownPages()` order, separated by rules.
 * @throws Error naming a guide whose MDX cannot be converted (fails the static build)
 */
export function llmsFull(): string {
  return listMarkdownPages()
    .map((page) => pageMarkdown(page.href) ?? '')
    .join('\n---\n\n');
}
