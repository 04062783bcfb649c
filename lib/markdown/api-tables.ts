/**
 * The tables of API facts that guides embed (`<ErrorTable />`, `<ScopeTable />`, `<WebhookEventList />`),
 * built once as mdast from the OpenAPI document. components/mdx/api-tables.tsx renders them to React
 * for the guide pages; lib/content/mdx-to-markdown.ts and lib/llms.ts write them as GFM tables for the
 * `.md` twins and `llms-full.txt`. Links are site paths (lib/urls.ts); the Markdown outputs make them absolute.
 */
import type { PhrasingContent, Table, TableRow } from 'mdast';

import { listErrors, listOperations, listScopes, listWebhooks } from '../openapi';
import { errorHref, operationHref, webhookHref } from '../urls';

/** A text node. */
export const text = (value: string): PhrasingContent => ({ type: 'text', value });

/** An inline code node. */
export const inlineCode = (value: string): PhrasingContent => ({ type: 'inlineCode', value });

/** A link to a site path (or any URL) around the given content. */
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

/** The public error table (`x-aethex-errors`): status linking to its entry, when, what to do, retry or not. */
export function errorTable(): Table {
  return table(
    ['Status', 'When', 'What to do', 'Retry?'],
    listErrors().map((error) => [
      [link(errorHref(error.status), text(String(error.status))), text(` ${error.label}`)],
      [text(error.when)],
      [text(error.action)],
      [text(error.retryable ? 'Yes' : 'No')],
    ]),
  );
}

/** Every OAuth scope with what it grants and the operations that require it, comma-separated. */
export function scopeTable(): Table {
  const operations = listOperations();
  return table(
    ['Scope', 'Grants', 'Required by'],
    listScopes().map((scope) => [
      [inlineCode(scope.name)],
      [text(scope.description)],
      operations
        .filter((operation) => operation.scopes.includes(scope.name))
        .flatMap((operation, i) => [
          ...(i ? [text(', ')] : []),
          link(operationHref(operation.operationId), inlineCode(operation.operationId)),
        ]),
    ]),
  );
}

/** The webhook events of the document's `webhooks` section, each linking to its reference page. */
export function webhookEventTable(): Table {
  return table(
    ['Event', 'Sent when'],
    listWebhooks().map((webhook) => [
      [link(webhookHref(webhook.event), inlineCode(webhook.event))],
      [text(webhook.summary)],
    ]),
  );
}

/** The tables by the MDX element name that embeds them in a guide. */
export const API_TABLES: Readonly<Record<string, () => Table>> = {
  ErrorTable: errorTable,
  ScopeTable: scopeTable,
  WebhookEventList: webhookEventTable,
};
