/**
 * The "API reference" section of the site navigation, generated from the OpenAPI document so every
 * operation appears (with its method badge) as soon as the document gains it.
 */
import { listOperations } from '../openapi';
import { operationHref, PATHS } from '../urls';

/** A sidebar link; `method` shows a badge (same shape as lib/navigation.ts `NavItem`). */
export type ReferenceNavItem = { title: string; href: string; method?: string };

/**
 * Overview, one link per operation, webhook events, errors, explorer. An operation's link shows its short
 * navigation title (`x-aethex-nav-title`) with a method badge: summaries are sentences that the sidebar's
 * width would truncate, and the operation page's h1 shows the summary in full.
 * @returns items in sidebar order; every href is a statically generated page
 */
export function referenceNavItems(): ReferenceNavItem[] {
  return [
    { title: 'Overview', href: PATHS.reference },
    ...listOperations().map((operation) => ({
      title: operation.navTitle || operation.operationId,
      href: operationHref(operation.operationId),
      method: operation.method,
    })),
    { title: 'Webhook events', href: PATHS.webhooks },
    { title: 'Errors', href: PATHS.errors },
    { title: 'Explorer', href: PATHS.explorer },
  ];
}
