/**
 * Server-side Markdown (CommonMark + GFM tables) for descriptions taken from an OpenAPI document.
 * Output is React elements, never an HTML string: raw HTML in the source is dropped by
 * remark-rehype (no `allowDangerousHtml`), so a description cannot inject markup.
 */
import { slug } from 'github-slugger';
import { toJsxRuntime } from 'hast-util-to-jsx-runtime';
import { toString } from 'mdast-util-to-string';
import type { ReactNode } from 'react';
import { Fragment, jsx, jsxs } from 'react/jsx-runtime';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkRehype);
const cache = new Map<string, ReactNode>();

/**
 * Renders Markdown (OpenAPI `description` fields are CommonMark) to React elements.
 * @param markdown the source text; empty or whitespace gives `null`
 * @returns a React fragment, memoised per source text (descriptions repeat across schemas)
 */
export function renderMarkdown(markdown: string): ReactNode {
  if (!markdown.trim()) return null;
  const hit = cache.get(markdown);
  if (hit !== undefined) return hit;
  const tree = processor.runSync(processor.parse(markdown));
  const node = toJsxRuntime(tree, { Fragment, jsx, jsxs });
  if (cache.size > 5_000) cache.clear();
  cache.set(markdown, node);
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
