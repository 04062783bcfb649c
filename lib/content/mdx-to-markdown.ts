/**
 * Turns a guide's MDX body into plain CommonMark + GFM for its `.md` twin and `/llms-full.txt`:
 * every MDX component becomes the Markdown a reader (or a language model) needs — operation links
 * become `GET /v1/projects` links, code samples become one fenced block per language, tables built
 * from the OpenAPI document become GFM tables, callouts become blockquotes.
 */
import type { BlockContent, Code, PhrasingContent, Root, RootContent } from 'mdast';
import type { MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

import { inlineCode, link, text } from '../markdown/mdast';
import { API_TABLES } from '../markdown/reference-tables';
import { mdastToMarkdown } from '../markdown/render';
import { getOperation } from '../openapi';
import { AUTHORED_ORIGIN } from '../site';
import { listenCommand, LOOP_TITLES, triggerCommand } from '../snippets/webhook-loop';
import { operationHref } from '../urls';
import { jsxAttribute } from './plugins';

/** A labelled code sample, as the Markdown shows it. */
export type MarkdownSample = { label: string; lang: string; code: string };

/** What the conversion needs from outside: the code samples (lib/snippets) and the site origin. */
export type MarkdownResolvers = {
  /** The six-language samples of an operation. */
  operationSamples(operationId: string): MarkdownSample[];
  /** The webhook verification programs. */
  webhookSamples(): MarkdownSample[];
  /** Makes a site path absolute (`/docs/x` → `https://…/docs/x`). */
  absolute(path: string): string;
};

type Jsx = MdxJsxFlowElement | MdxJsxTextElement;

function samples(list: MarkdownSample[]): RootContent[] {
  return list.flatMap((sample): RootContent[] => [
    { type: 'paragraph', children: [{ type: 'strong', children: [text(sample.label)] }] },
    { type: 'code', lang: sample.lang, value: sample.code.replace(/\n$/, '') } satisfies Code,
  ]);
}

/** The Markdown nodes replacing one MDX element. */
function replace(node: Jsx, r: MarkdownResolvers): RootContent[] {
  const name = node.name ?? '';
  const children = node.children as RootContent[];
  if (name === 'OperationLink') {
    const operation = getOperation(jsxAttribute(node, 'id') ?? '');
    if (!operation) return [];
    return [
      link(r.absolute(operationHref(operation.operationId)), inlineCode(`${operation.method} ${operation.path}`)),
    ];
  }
  if (name === 'SandboxAppStart')
    return [
      {
        type: 'paragraph',
        children: [
          text('Use the '),
          { type: 'strong', children: [text('Create sandbox app')] },
          text(' button on the '),
          link(r.absolute('/console'), text('console')),
          text(' or the home page.'),
        ],
      },
    ];
  if (name === 'CodeSample') return samples(r.operationSamples(jsxAttribute(node, 'operationId') ?? ''));
  if (name === 'WebhookVerifySamples') return samples(r.webhookSamples());
  if (name === 'WebhookLoop') {
    const options = { baseUrl: r.absolute('/sandbox') };
    const event = jsxAttribute(node, 'event') ?? '';
    return samples([
      { label: LOOP_TITLES.listen, lang: 'bash', code: listenCommand(options) },
      { label: LOOP_TITLES.trigger(event), lang: 'bash', code: triggerCommand(event, options) },
    ]);
  }
  // Its links are site paths; transform() makes them absolute like every other link.
  const table = API_TABLES[name];
  if (table) return [table()];
  if (name === 'Callout') {
    const label = jsxAttribute(node, 'title') ?? (jsxAttribute(node, 'type') === 'warning' ? 'Warning' : 'Note');
    const [first, ...rest] = children;
    const lead: PhrasingContent = { type: 'strong', children: [text(`${label}:`)] };
    const body: BlockContent[] =
      first?.type === 'paragraph'
        ? [{ ...first, children: [lead, text(' '), ...first.children] }, ...(rest as BlockContent[])]
        : [{ type: 'paragraph', children: [lead] }, ...(children as BlockContent[])];
    return [{ type: 'blockquote', children: body }];
  }
  if (name === 'Cards') {
    const items = children.filter((c): c is MdxJsxFlowElement => c.type === 'mdxJsxFlowElement' && c.name === 'Card');
    return [
      {
        type: 'list',
        ordered: false,
        spread: false,
        children: items.map((card) => ({
          type: 'listItem',
          spread: false,
          children: [
            {
              type: 'paragraph',
              children: [
                {
                  type: 'link',
                  url: r.absolute(jsxAttribute(card, 'href') ?? '/'),
                  children: [text(jsxAttribute(card, 'title') ?? '')],
                },
                text(`: ${jsxAttribute(card, 'description') ?? ''}`),
              ],
            },
          ],
        })),
      },
    ];
  }
  return children; // Steps, Tabs and other wrappers: keep their Markdown content.
}

/** `value` with every AUTHORED_ORIGIN written as the site's origin. */
function withOrigin(value: string, r: MarkdownResolvers): string {
  return value.includes(AUTHORED_ORIGIN)
    ? value.replaceAll(AUTHORED_ORIGIN, r.absolute('/').replace(/\/$/, ''))
    : value;
}

function transform(parent: { children: RootContent[] }, r: MarkdownResolvers): void {
  parent.children = parent.children.flatMap((child): RootContent[] => {
    if (child.type === 'mdxjsEsm' || child.type === 'mdxFlowExpression' || child.type === 'mdxTextExpression')
      return [];
    if (child.type === 'link' && child.url.startsWith('/')) child.url = r.absolute(child.url);
    // Guides write the portal's origin as AUTHORED_ORIGIN (lib/site.ts); the page shows the real one, so must the twin.
    if (child.type === 'link') child.url = withOrigin(child.url, r);
    if (child.type === 'code' || child.type === 'inlineCode' || child.type === 'text')
      child.value = withOrigin(child.value, r);
    const jsx = child.type === 'mdxJsxFlowElement' || child.type === 'mdxJsxTextElement';
    const replaced = jsx ? replace(child, r) : [child];
    if (jsx && replaced === child.children) {
      // An unwrapped wrapper (Steps, Tabs): its children are now siblings and need the same treatment.
      const holder = { children: replaced };
      transform(holder, r);
      return holder.children;
    }
    for (const node of replaced) if ('children' in node) transform(node as { children: RootContent[] }, r);
    return replaced;
  });
}

/**
 * Converts an MDX body to Markdown.
 * @param body MDX without frontmatter; @param title becomes the `#` heading; @param description the lead paragraph
 * @returns CommonMark + GFM text ending in a newline
 */
export function mdxToMarkdown(body: string, title: string, description: string, resolvers: MarkdownResolvers): string {
  // Parsing needs the MDX syntax; writing does not (transform() replaces every MDX node), so the text is
  // written by the portal's one Markdown writer, like llms-full.txt's reference.
  const tree = unified().use(remarkParse).use(remarkMdx).use(remarkGfm).parse(body) as Root;
  transform(tree, resolvers);
  tree.children.unshift(
    { type: 'heading', depth: 1, children: [text(title)] },
    { type: 'paragraph', children: [text(description)] },
  );
  return mdastToMarkdown(tree);
}
