/**
 * Block-level mdast builders shared by the Markdown twins of pages (lib/markdown/pages.ts) and `llms.txt`
 * (lib/llms.ts): headings, paragraphs, tight lists, fenced code, and the pass that makes every link absolute.
 * Text goes in as mdast text nodes, so `mdastToMarkdown` escapes it.
 */
import type { Code, List, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import { visit } from 'unist-util-visit';

import { absoluteUrl } from '../urls';
import { link, text } from './mdast';

/** A paragraph of inline content. */
export const paragraph = (...children: PhrasingContent[]): Paragraph => ({ type: 'paragraph', children });

/** A heading of plain text. @param depth 1–4 @param value the literal title */
export const heading = (depth: 1 | 2 | 3 | 4, value: string): RootContent => ({
  type: 'heading',
  depth,
  children: [text(value)],
});

/** A fenced code block. @param lang the info string (`bash`, `json`) @param value the code; a final newline is dropped */
export const codeBlock = (lang: string, value: string): Code => ({
  type: 'code',
  lang,
  value: value.replace(/\n$/, ''),
});

/** A tight bullet list, one paragraph per item. @param items each item's inline content */
export function bulletList(items: PhrasingContent[][]): List {
  return {
    type: 'list',
    ordered: false,
    spread: false,
    children: items.map((children) => ({ type: 'listItem', spread: false, children: [paragraph(...children)] })),
  };
}

/** A tight bullet list of `[title](url): description` lines, the llms.txt link format. */
export function linkList(entries: { title: string; url: string; after: PhrasingContent[] }[]): List {
  return bulletList(
    entries.map(({ title, url, after }) => [link(url, text(title)), ...(after.length ? [text(': '), ...after] : [])]),
  );
}

/**
 * Makes every site-path link of a tree absolute on the site origin (lib/urls.ts `absoluteUrl`), in place.
 * @returns the same tree
 */
export function absoluteLinks(tree: Root): Root {
  visit(tree, 'link', (node) => {
    node.url = absoluteUrl(node.url);
  });
  return tree;
}
