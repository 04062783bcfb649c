import { decodeHTML } from 'entities';
import type { Nodes, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { renderToStaticMarkup } from 'react-dom/server';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';

import { listErrors, listScopes, listWebhooks } from '../openapi';
import { API_TABLES, errorTable } from './reference-tables';
import { mdastToMarkdown, mdastToReact, parseBlocks } from './render';

/** A table cell as a reader gets it: its text and the targets of its links. */
type Cell = { text: string; links: string[] };

/** The cells of the first table in rendered HTML, row by row (header row first). */
function htmlCells(html: string): Cell[][] {
  return [...html.matchAll(/<tr>(.*?)<\/tr>/gs)].map(([, row = '']) =>
    [...row.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/gs)].map(([, inner = '']) => ({
      text: decodeHTML(inner.replace(/<[^>]+>/g, '')),
      links: [...inner.matchAll(/href="([^"]*)"/g)].map(([, href = '']) => decodeHTML(href)),
    })),
  );
}

/** The cells of a GFM table in Markdown text, read back with the portal's own parser. */
function markdownCells(markdown: string): Cell[][] {
  const [table] = parseBlocks(markdown);
  expect(table?.type).toBe('table');
  return (table as Table).children.map((row) =>
    row.children.map((cell) => {
      const links: string[] = [];
      visit(cell as Nodes, 'link', (node) => {
        links.push(node.url);
      });
      return { text: toString(cell), links };
    }),
  );
}

describe('reference tables: one mdast table, two outputs', () => {
  it('renders the error table to HTML with a link per status to its entry', () => {
    const html = renderToStaticMarkup(mdastToReact([errorTable()]));
    for (const error of listErrors()) expect(html).toContain(`<a href="/reference/errors#${error.status}">`);
    expect(html.match(/<tr>/g)).toHaveLength(listErrors().length + 1);
  });

  const rowCounts: Record<string, number> = {
    ErrorTable: listErrors().length,
    ScopeTable: listScopes().length,
    WebhookEventList: listWebhooks().length,
  };
  for (const [name, build] of Object.entries(API_TABLES)) {
    it(`writes the same cells and links for <${name} /> in HTML and in GFM Markdown`, () => {
      const html = htmlCells(renderToStaticMarkup(mdastToReact([build()])));
      const markdown = markdownCells(mdastToMarkdown([build()]));
      expect(html).toHaveLength((rowCounts[name] ?? 0) + 1);
      expect(html.flat().some((cell) => cell.links.length > 0)).toBe(true);
      expect(markdown).toEqual(html);
    });
  }
});
