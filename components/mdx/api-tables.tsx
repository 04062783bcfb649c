import type { ComponentPropsWithoutRef } from 'react';

import { errorTable, scopeTable, webhookEventTable } from '@/lib/markdown/reference-tables';
import { mdastToReact, type ElementComponents } from '@/lib/markdown/render';

import { MdxLink } from './mdx-link';

const HeaderCell = (props: ComponentPropsWithoutRef<'th'>) => <th scope="col" {...props} />;

// The tables' links navigate like any guide link; column headers say they head columns.
const elements: ElementComponents = { a: MdxLink, th: HeaderCell };

/**
 * The public error table (lib/markdown/reference-tables.ts `errorTable()`): status (linking to
 * `/reference/errors#<status>`), when it happens, what to do, whether to retry.
 */
export function ErrorTable() {
  return mdastToReact([errorTable()], elements);
}

/** Every OAuth scope with its description and the operations that require it (`scopeTable()`). */
export function ScopeTable() {
  return mdastToReact([scopeTable()], elements);
}

/** The webhook events of the OpenAPI document, each linking to its reference page (`webhookEventTable()`). */
export function WebhookEventList() {
  return mdastToReact([webhookEventTable()], elements);
}
