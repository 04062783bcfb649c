/**
 * Titles and one-line descriptions of the site's fixed pages, in one place: the pages' `metadata` and their
 * Markdown twins (lib/markdown/pages.ts, listed in `llms.txt`) read them. Guides, operations and webhook events
 * take theirs from content/ and the OpenAPI document.
 */
import type { Metadata } from 'next';

import { markdownHref } from './urls';

/** A page's title and one-line description. */
export interface PageMeta {
  title: string;
  description: string;
}

/** The fixed pages: home, the reference overview, the webhook index, errors, the explorer and the console. */
export const PAGE_META = {
  home: {
    title: 'AeThex Developers',
    description: 'Guides, API reference and a live console for the AeThex REST API, with a built-in sandbox.',
  },
  reference: {
    title: 'API reference',
    description:
      'The AeThex REST API: base URLs, authentication and scopes, headers, pagination, rate limits, idempotency, and every operation, webhook event and error code.',
  },
  webhooks: {
    title: 'Webhook events',
    description: 'Every event AeThex delivers to your webhook endpoint, signed per Standard Webhooks.',
  },
  errors: {
    title: 'Errors',
    description:
      'Every AeThex API error code: what it means, when it happens, an example RFC 9457 problem body and what your client should do.',
  },
  explorer: {
    title: 'API explorer',
    description: 'Explore and call every AeThex API operation interactively against the built-in sandbox.',
  },
  console: {
    title: 'Console',
    description: 'Try the AeThex API in the browser: get a token, send any operation, and read every response header.',
  },
} as const satisfies Record<string, PageMeta>;

/**
 * The `<link rel="alternate" type="text/markdown">` of a page, pointing at its Markdown twin, as Next metadata.
 * @param href the page's path (`/` for home)
 * @returns `{ alternates: { types: { 'text/markdown': '/reference.md' } } }`, to spread into a page's metadata
 */
export function markdownAlternate(href: string): Pick<Metadata, 'alternates'> {
  return { alternates: { types: { 'text/markdown': markdownHref(href) } } };
}
