/**
 * Builders for the mdast nodes that code assembles into tables and lists (lib/markdown/reference-tables.ts,
 * lib/llms.ts, lib/content/mdx-to-markdown.ts). Building mdast rather than strings leaves escaping to the
 * renderers in lib/markdown/render.ts, for React and for Markdown alike.
 */
import type { PhrasingContent, Table, TableRow } from 'mdast';

/** A text node (the renderers escape it). @param value the literal text */
export const text = (value: string): PhrasingContent => ({ type: 'text', value });

/** An inline code node. @param value the literal code */
export const inlineCode = (value: string): PhrasingContent => ({ type: 'inlineCode', value });

/**
 * A link around the given content.
 * @param url a site path or any URL
 * @param content the link's text or code
 */
export const link = (url: string, content: PhrasingContent): PhrasingContent => ({
  type: 'link',
  url,
  children: [content],
});

const row = (cells: PhrasingContent[][]): TableRow => ({
  type: 'tableRow',
  children: cells.map((children) => ({ type: 'tableCell', children })),
});

/**
 * A GFM table.
 * @param header the column titles
 * @param rows one array of cells per row, each cell its inline content
 */
export function table(header: readonly string[], rows: PhrasingContent[][][]): Table {
  return {
    type: 'table',
    align: header.map(() => null),
    children: [row(header.map((title) => [text(title)])), ...rows.map(row)],
  };
}
