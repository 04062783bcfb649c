/**
 * Machine-readable text for language models, following the llms.txt proposal (https://llmstxt.org/):
 * `/llms.txt` is a Markdown index of the guides and reference pages with one-line descriptions;
 * `/llms-full.txt` is every guide in Markdown followed by the API reference in Markdown, generated
 * from the OpenAPI document (lib/openapi/) so it can never drift from it.
 */
import type { List, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import { visit } from 'unist-util-visit';

import { guideMarkdown, listGuides } from './content';
import { markdownResolvers } from './content/resolvers';
import { inlineCode, link, table, text } from './markdown/mdast';
import { errorTable } from './markdown/reference-tables';
import { mdastToMarkdown, parseBlocks, parseInline } from './markdown/render';
import { apiModel, listErrors, listOperations, listWebhooks, type Operation } from './openapi';
import { absoluteUrl, markdownHref, operationHref, PATHS, webhookHref } from './urls';

function info(): { title: string; summary: string; description: string } {
  const { title, summary, description } = apiModel().info;
  return { title: title || 'AeThex API', summary, description };
}

const paragraph = (...children: PhrasingContent[]): Paragraph => ({ type: 'paragraph', children });
const heading = (depth: 1 | 2 | 3, value: string): RootContent => ({ type: 'heading', depth, children: [text(value)] });

/** A tight bullet list of `[title](url): description` lines, the llms.txt link format. */
function linkList(entries: { title: string; url: string; after: PhrasingContent[] }[]): List {
  return {
    type: 'list',
    ordered: false,
    spread: false,
    children: entries.map(({ title, url, after }) => ({
      type: 'listItem',
      spread: false,
      children: [paragraph(link(url, text(title)), text(': '), ...after)],
    })),
  };
}

/**
 * The `/llms.txt` index: an H1, a blockquote summary, then sections of links with descriptions. Built as mdast,
 * so titles and descriptions from the document and the guides are escaped like every other Markdown output.
 * @returns Markdown text ending in a newline; links are absolute on the site origin
 */
export function llmsIndex(): string {
  const { title, summary } = info();
  const errors = listErrors().map((error) => error.status);
  const tree: Root = {
    type: 'root',
    children: [
      heading(1, `${title} developer portal`),
      {
        type: 'blockquote',
        children: [paragraph(text(`${summary} Guides, API reference, and a sandbox of the whole API.`))],
      },
      heading(2, 'Guides'),
      linkList(
        listGuides().map((guide) => ({
          title: guide.title,
          url: absoluteUrl(markdownHref(guide.href)),
          after: [text(guide.description)],
        })),
      ),
      heading(2, 'API reference'),
      linkList([
        ...listOperations().map((op) => ({
          title: `${op.method} ${op.path}`,
          url: absoluteUrl(operationHref(op.operationId)),
          after: [text(`${op.summary} (`), inlineCode(op.operationId), text(')')],
        })),
        ...listWebhooks().map((webhook) => ({
          title: `Webhook ${webhook.event}`,
          url: absoluteUrl(webhookHref(webhook.event)),
          after: [text(webhook.summary)],
        })),
        {
          title: 'Errors',
          url: absoluteUrl(PATHS.errors),
          after: [text(`${errors.join(', ')}, as RFC 9457 problem details.`)],
        },
      ]),
      heading(2, 'Optional'),
      linkList([
        {
          title: 'OpenAPI document (YAML)',
          url: absoluteUrl(PATHS.openapiYaml),
          after: [text('the single source of truth for the API.')],
        },
        {
          title: 'Full text',
          url: absoluteUrl(PATHS.llmsFull),
          after: [text('every guide and the whole reference in one Markdown file.')],
        },
      ]),
    ],
  };
  return mdastToMarkdown(tree);
}

function parameterTable(op: Operation): RootContent[] {
  if (op.parameters.length === 0) return [];
  return [
    table(
      ['Name', 'In', 'Required', 'Description'],
      op.parameters.map((p) => [
        [inlineCode(p.name)],
        [text(p.in)],
        [text(p.required ? 'yes' : 'no')],
        parseInline(p.description ?? ''),
      ]),
    ),
  ];
}

function operationSection(op: Operation): RootContent[] {
  const scopes = op.scopes.flatMap((scope, i) => [...(i ? [text(', ')] : []), inlineCode(scope)]);
  return [
    heading(2, `${op.method} ${op.path}`),
    paragraph(
      text(`${op.summary}. operationId: `),
      inlineCode(op.operationId),
      text('.'),
      ...(scopes.length ? [text(' Scope: '), ...scopes, text('.')] : []),
    ),
    ...parseBlocks(op.description),
    ...parameterTable(op),
    paragraph(text('Responses:')),
    {
      type: 'list',
      ordered: false,
      spread: false,
      children: Object.entries(op.responses).map(([status, response]) => ({
        type: 'listItem',
        spread: false,
        children: [
          { type: 'paragraph', children: [inlineCode(status), text(': '), ...parseInline(response.description)] },
        ],
      })),
    },
  ];
}

/**
 * The API reference as Markdown: overview (the document's description), operations, webhook
 * events and the error table (the same mdast table the guides embed, lib/markdown/reference-tables.ts).
 * @returns Markdown text; links are absolute on the site origin
 */
function referenceMarkdown(): string {
  const { title, description } = info();
  const tree: Root = {
    type: 'root',
    children: [
      heading(1, `${title} reference`),
      ...parseBlocks(description),
      ...listOperations().flatMap(operationSection),
      heading(2, 'Webhook events'),
      ...listWebhooks().flatMap((webhook) => [
        heading(3, webhook.event),
        paragraph(text(webhook.summary)),
        ...parseBlocks(webhook.description),
      ]),
      heading(2, 'Errors'),
      errorTable(),
    ],
  };
  visit(tree, 'link', (node) => {
    node.url = absoluteUrl(node.url);
  });
  return mdastToMarkdown(tree);
}

/**
 * `/llms-full.txt`: all guides in order, then the reference, separated by rules.
 * @throws Error naming a guide whose MDX cannot be converted (fails the static build)
 */
export function llmsFull(): string {
  const resolvers = markdownResolvers();
  const guides = listGuides().map((guide) => guideMarkdown(guide, resolvers));
  return [...guides, referenceMarkdown()].join('\n---\n\n');
}
