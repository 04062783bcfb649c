/**
 * unified plugins used by lib/content/index.ts when compiling guides: one checks, at compile time, that
 * every operation an author names exists in the OpenAPI document; one collects the headings for
 * the "On this page" table of contents.
 */
import type { Element, Root as HastRoot, Text } from 'hast';
import type { InlineCode, Root as MdastRoot, Text as MdastText, PhrasingContent } from 'mdast';
import type { MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import { visit } from 'unist-util-visit';

import { getOperation } from '../openapi';
import { AUTHORED_ORIGIN } from '../site';

/** A heading of a guide, for the table of contents and the search index. */
export type Heading = { depth: 2 | 3; id: string; text: string };

/** MDX elements whose attribute names an operationId: element name → attribute. */
const OPERATION_ATTRIBUTES: Readonly<Record<string, string>> = { OperationLink: 'id', CodeSample: 'operationId' };

/**
 * The string value of a JSX attribute, or `undefined` when absent or an expression.
 * @param node an MDX JSX element; @param name the attribute name
 */
export function jsxAttribute(node: MdxJsxFlowElement | MdxJsxTextElement, name: string): string | undefined {
  for (const attribute of node.attributes) {
    if (attribute.type === 'mdxJsxAttribute' && attribute.name === name && typeof attribute.value === 'string')
      return attribute.value;
  }
  return undefined;
}

/**
 * remark plugin: every `<OperationLink id>` and `<CodeSample operationId>` must name an operation of
 * the API model (lib/openapi/), so a renamed operation breaks the build, not the page.
 * @param options.file the guide's path, named in the error
 * @throws Error "<file>:<line>: <OperationLink id="x"> names no operation …"
 */
export function checkOperationReferences(options: { file: string }) {
  return (tree: MdastRoot) => {
    visit(tree, (node) => {
      if (node.type !== 'mdxJsxFlowElement' && node.type !== 'mdxJsxTextElement') return;
      const attribute = node.name ? OPERATION_ATTRIBUTES[node.name] : undefined;
      if (!attribute || !node.name) return;
      const id = jsxAttribute(node, attribute);
      if (!id || !getOperation(id)) {
        const line = node.position?.start.line ?? 0;
        throw new Error(
          `${options.file}:${line}: <${node.name} ${attribute}="${id ?? ''}"> names no operation in the OpenAPI document`,
        );
      }
    });
  };
}

function textOf(node: Element | Text): string {
  if (node.type === 'text') return node.value;
  return node.children
    .map((child) => (child.type === 'element' || child.type === 'text' ? textOf(child) : ''))
    .join('');
}

/**
 * rehype plugin (run after rehype-slug): pushes every h2 and h3 with its id and text into `sink`.
 * @param options.sink the array to fill, in document order
 */
export function collectHeadings(options: { sink: Heading[] }) {
  return (tree: HastRoot) => {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName !== 'h2' && node.tagName !== 'h3') return;
      const id = node.properties.id;
      if (typeof id !== 'string') return;
      options.sink.push({ depth: node.tagName === 'h2' ? 2 : 3, id, text: textOf(node).trim() });
    });
  };
}

const originElement = (): MdxJsxTextElement => ({
  type: 'mdxJsxTextElement',
  name: 'PortalOrigin',
  attributes: [],
  children: [],
});

/** `value` split around AUTHORED_ORIGIN, each occurrence a `<PortalOrigin />`, the rest made by `piece`. */
function withOrigin(value: string, piece: (text: string) => PhrasingContent): PhrasingContent[] {
  return value
    .split(AUTHORED_ORIGIN)
    .flatMap((text, index) => [...(index > 0 ? [originElement()] : []), ...(text ? [piece(text)] : [])]);
}

/**
 * remark plugin: `http://localhost:3000` in prose and inline code becomes `<PortalOrigin />` (the portal's real
 * origin, components/mdx/portal-origin.tsx), so a guide names the host and port the reader actually uses. Fenced
 * code keeps the text; components/mdx/fenced-code-block.tsx fills it in.
 */
export function portalOrigin() {
  return (tree: MdastRoot) => {
    visit(tree, (node, index, parent) => {
      if ((node.type !== 'text' && node.type !== 'inlineCode') || !parent || index === undefined) return;
      const leaf = node as MdastText | InlineCode;
      if (!leaf.value.includes(AUTHORED_ORIGIN)) return;
      const parts =
        leaf.type === 'text'
          ? withOrigin(leaf.value, (value) => ({ type: 'text', value }))
          : [
              {
                type: 'mdxJsxTextElement',
                name: 'code',
                attributes: [],
                children: withOrigin(leaf.value, (value) => ({ type: 'text', value })),
              } satisfies MdxJsxTextElement,
            ];
      (parent.children as PhrasingContent[]).splice(index, 1, ...parts);
      return index + parts.length;
    });
  };
}
