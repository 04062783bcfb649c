/**
 * The tables of API facts that guides embed (`<ErrorTable />`, `<ScopeTable />`, `<WebhookEventList />`),
 * built once as mdast from the OpenAPI document. components/mdx/api-tables.tsx renders them to React
 * for the guide pages (and the scope table for the reference overview); lib/content/mdx-to-markdown.ts and lib/llms.ts write them as GFM tables for the
 * `.md` twins and `llms-full.txt`. Links are site paths (lib/urls.ts); the Markdown outputs make them absolute.
 */
import type { Table } from 'mdast';

import { listErrors, listOperations, listScopes, listWebhooks } from '../openapi';
import { errorHref, operationHref, webhookHref } from '../urls';
import { inlineCode, link, table, text } from './mdast';

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

/**
 * Every OAuth scope with what it grants and the operations that require it, comma-separated (`—` for none):
 * the one place that joins scopes to operations, for the guides, the reference overview and the Markdown twins.
 */
export function scopeTable(): Table {
  const operations = listOperations();
  return table(
    ['Scope', 'Grants', 'Required by'],
    listScopes().map((scope) =>
      [
        [inlineCode(scope.name)],
        [text(scope.description)],
        operations
          .filter((operation) => operation.scopes.includes(scope.name))
          .flatMap((operation, i) => [
            ...(i ? [text(', ')] : []),
            link(operationHref(operation.operationId), inlineCode(operation.operationId)),
          ]),
      ].map((cell) => (cell.length > 0 ? cell : [text('—')])),
    ),
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
