/**
 * The one Markdown renderer of the portal. Markdown text (OpenAPI `description` fields, CommonMark + GFM)
 * and mdast trees built in code (lib/markdown/reference-tables.ts, lib/llms.ts) are rendered to React elements
 * (mdast → hast → JSX) for pages; every Markdown text the portal writes (`.md` twins of guides, `llms.txt`,
 * `llms-full.txt`) goes through `mdastToMarkdown`.
 * React output is elements, never an HTML string: raw HTML in the source is dropped by remark-rehype
 * (no `allowDangerousHtml`), so a description cannot inject markup.
 */
import { slug } from 'github-slugger';
import { toJsxRuntime, type Components } from 'hast-util-to-jsx-runtime';
import { LRUCache } from 'lru-cache';
import type { RootContent as MdastContent, Nodes as MdastNodes, Root as MdastRoot, PhrasingContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { ReactNode } from 'react';
import { Fragment, jsx, jsxs } from 'react/jsx-runtime';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';

/** How Markdown text is written: `-` bullets, fenced code, `---` rules. */
const STRINGIFY_OPTIONS = { bullet: '-', fences: true, rule: '-' } as const;

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkRehype);
const stringifier = unified().use(remarkGfm).use(remarkStringify, STRINGIFY_OPTIONS);
// Descriptions repeat across schemas; a large document has a few thousand distinct ones.
const rendered = new LRUCache<string, { node: ReactNode }>({ max: 5_000 });

/** Element overrides for mdast rendered to React, e.g. `{ a: MdxLink }` for client-side navigation. */
export type ElementComponents = Partial<Components>;

/**
 * Renders an mdast tree built in code to React elements.
 * @param nodes the root or its children (a table, a paragraph, …)
 * @param components element overrides (`a`, `th`, …)
 * @returns a React fragment
 */
export function mdastToReact(nodes: MdastRoot | MdastContent[], components: ElementComponents = {}): ReactNode {
  const root: MdastRoot = Array.isArray(nodes) ? { type: 'root', children: nodes } : nodes;
  const tree = processor.runSync(root);
  return toJsxRuntime(tree, { Fragment, jsx, jsxs, components });
}

/**
 * Writes an mdast tree as Markdown text (CommonMark + GFM tables).
 * @param nodes the root or its children
 * @returns Markdown ending in a newline
 */
export function mdastToMarkdown(nodes: MdastRoot | MdastContent[]): string {
  return stringifier.stringify(Array.isArray(nodes) ? { type: 'root', children: nodes } : nodes);
}

/**
 * Parses Markdown text into mdast blocks, to embed a description in a tree built in code.
 * @param markdown CommonMark + GFM source; empty gives `[]`
 */
export function parseBlocks(markdown: string): MdastContent[] {
  return processor.parse(markdown).children;
}

/** Turns the line breaks inside a text or code node into spaces. */
function oneLine(node: MdastNodes): void {
  if (node.type === 'text' || node.type === 'inlineCode') node.value = node.value.replace(/\s*\n\s*/g, ' ');
}

/**
 * Parses Markdown text into inline content on one line (paragraphs joined by a space, soft line breaks
 * as spaces), for a table cell or a list item.
 * @param markdown CommonMark source of a short description
 */
export function parseInline(markdown: string): PhrasingContent[] {
  const inline = parseBlocks(markdown).flatMap((block, i): PhrasingContent[] => [
    ...(i ? [{ type: 'text' as const, value: ' ' }] : []),
    ...(block.type === 'paragraph' || block.type === 'heading'
      ? block.children
      : [{ type: 'text' as const, value: toString(block) }]),
  ]);
  // The nodes are fresh from the parser, so rewriting their line breaks in place touches no one else's tree.
  for (const child of inline) visit(child, oneLine);
  return inline;
}

/**
 * Renders Markdown (OpenAPI `description` fields are CommonMark) to React elements.
 * @param markdown the source text; empty or whitespace gives `null`
 * @returns a React fragment, memoised per source text (least recently used first out past 5,000 texts)
 */
export function renderMarkdown(markdown: string): ReactNode {
  if (!markdown.trim()) return null;
  const hit = rendered.get(markdown);
  if (hit) return hit.node;
  const node = mdastToReact(processor.parse(markdown));
  rendered.set(markdown, { node });
  return node;
}

/** One `## Heading` section of a Markdown text. */
export type MarkdownSection = { title: string; slug: string; body: string };

/**
 * Splits Markdown at its level-2 headings (the sections of `info.description`).
 * @returns the text before the first `##` as `intro`, then each section with a URL slug of its title
 */
export function splitSections(markdown: string): { intro: string; sections: MarkdownSection[] } {
  const parts = markdown.split(/^## +(.+)$/m);
  const sections: MarkdownSection[] = [];
  for (let i = 1; i + 1 < parts.length; i += 2) {
    const title = (parts[i] ?? '').trim();
    sections.push({ title, slug: slug(title), body: (parts[i + 1] ?? '').trim() });
  }
  return { intro: (parts[0] ?? '').trim(), sections };
}

/**
 * Markdown as plain text, one line per paragraph (blocks joined by a blank line): for places that show
 * a description as text, such as console form hints, where `` `code` `` and `[links](…)` must not appear raw.
 * @param markdown CommonMark source (an OpenAPI `description`)
 * @returns the text content with markup removed (list items joined by `; `); `''` for empty input
 */
export function markdownToText(markdown: string): string {
  if (!markdown.trim()) return '';
  // The same processor as renderMarkdown: parse() runs only remark-parse and remark-gfm's syntax, not the rehype step.
  const tree = processor.parse(markdown);
  return tree.children
    .map((block) =>
      (block.type === 'list' ? block.children.map((item) => toString(item)).join('; ') : toString(block))
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter(Boolean)
    .join('\n\n');
}
