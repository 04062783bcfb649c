/**
 * The Markdown twins of the reference pages that are not one operation or event: the overview (base URLs,
 * authentication and scopes, headers, the sections of the document's description, every operation, event and error)
 * and the errors page (the error table, then each status with its example problem body).
 */
import type { Root, RootContent } from 'mdast';

import { apiModel, listErrors, listOperations, listServers } from '../openapi';
import type { PageMeta } from '../page-meta';
import { problemExample, retryAfterStatuses } from '../reference/errors';
import { toJsonText } from '../reference/examples';
import { overviewSections, schemeSummaries } from '../reference/overview';
import { describeSchema } from '../reference/schema';
import { operationHref } from '../urls';
import { absoluteLinks, codeBlock, heading, paragraph } from './blocks';
import { inlineCode, link, table, text } from './mdast';
import { errorTable, scopeTable, webhookEventTable } from './reference-tables';
import { parseBlocks, parseInline } from './render';

/** Sections of `info.description` the overview replaces by generated tables (as its HTML page does). */
const GENERATED = new Set(['base-urls', 'authentication', 'webhook-signing', 'errors']);

/** The body of one `## section` of `info.description`, as blocks. */
function section(slug: string): RootContent[] {
  return parseBlocks(overviewSections().sections.find((entry) => entry.slug === slug)?.body ?? '');
}

function headersTables(): RootContent[] {
  const { requestHeaders, responseHeaders } = apiModel();
  return [
    heading(2, 'Headers'),
    heading(3, 'Request headers'),
    table(
      ['Header', 'Type', 'Description'],
      requestHeaders.map((p) => [
        [inlineCode(p.name)],
        [text(describeSchema(p.schema).label)],
        parseInline(p.description ?? ''),
      ]),
    ),
    heading(3, 'Response headers'),
    table(
      ['Header', 'Type', 'Description'],
      responseHeaders.map(({ name, header }) => [
        [inlineCode(name)],
        [text(describeSchema(header.schema).label)],
        parseInline(header.description ?? ''),
      ]),
    ),
  ];
}

/**
 * The Markdown tree of `/reference`.
 * @param meta the page's title (its description is the document's summary, written below it)
 * @returns an mdast root whose links are absolute on the site origin
 */
export function overviewTree({ title }: PageMeta): Root {
  const { summary, intro, sections } = overviewSections();
  return absoluteLinks({
    type: 'root',
    children: [
      heading(1, title),
      paragraph(text(summary)),
      ...parseBlocks(intro),
      heading(2, 'Operations'),
      table(
        ['Operation', 'Endpoint', 'Summary'],
        listOperations().map((op) => [
          [link(operationHref(op.operationId), inlineCode(op.operationId))],
          [inlineCode(`${op.method} ${op.path}`)],
          [text(op.summary)],
        ]),
      ),
      heading(2, 'Base URLs'),
      table(
        ['Base URL', 'Server'],
        listServers().map((server) => [[inlineCode(server.url)], parseInline(server.description)]),
      ),
      heading(2, 'Authentication and scopes'),
      ...section('authentication'),
      heading(3, 'Security schemes'),
      table(
        ['Scheme', 'Type', 'Description'],
        schemeSummaries().map((s) => [[inlineCode(s.name)], [text(s.type)], parseInline(s.description)]),
      ),
      heading(3, 'Scopes'),
      scopeTable(),
      ...headersTables(),
      ...sections
        .filter((entry) => !GENERATED.has(entry.slug))
        .flatMap((entry) => [heading(2, entry.title), ...parseBlocks(entry.body)]),
      heading(2, 'Webhook events'),
      webhookEventTable(),
      heading(2, 'Errors'),
      ...section('errors'),
      errorTable(),
    ],
  });
}

/**
 * The Markdown tree of `/reference/errors`: the document's notes on errors, the error table, then one section per
 * status (when, what to do, whether to retry, `Retry-After`, the example problem body).
 * @param meta the page's title (the document's notes on errors follow it)
 * @returns an mdast root whose links are absolute on the site origin
 */
export function errorsTree({ title }: PageMeta): Root {
  const retryAfter = retryAfterStatuses();
  return absoluteLinks({
    type: 'root',
    children: [
      heading(1, title),
      ...section('errors'),
      errorTable(),
      ...listErrors().flatMap((error): RootContent[] => {
        const example = problemExample(error.status);
        return [
          heading(2, `${error.status} ${error.label}`),
          paragraph(text(`${error.when} ${error.hint}`)),
          paragraph(text(`What to do: ${error.action}`)),
          paragraph(
            text(error.retryable ? 'Retry: yes, with backoff.' : 'Retry: no, not without changing the request.'),
            ...(retryAfter.has(error.status)
              ? [text(' Wait the seconds in the '), inlineCode('Retry-After'), text(' header first.')]
              : []),
          ),
          ...(example === undefined ? [] : [codeBlock('json', toJsonText(example))]),
        ];
      }),
    ],
  });
}
