/**
 * The "API reference" section of the site navigation, generated from the OpenAPI document so every
 * operation appears (with its method badge) as soon as the document gains it.
 */
import { listOperations } from '../openapi';
import { operationHref, PATHS } from '../urls';

/** A sidebar link; `method` shows a badge (same shape as lib/navigation.ts `NavItem`). */
export type ReferenceNavItem = { title: string; href: string; method?: string };

/**
 * Overview, one link per operation (title = summary, method badge), webhook events, errors, explorer.
 * @returns items in sidebar order; every href is a statically generated page
 */
export function referenceNavItems(): ReferenceNavItem[] {
  return [
    { title: 'Overview', href: PATHS.reference },
    ...listOperations().map((operation) => ({
      title: operation.summary || operation.operationId,
      href: operationHref(operation.operationId),
      method: operation.method,
    })),
    { title: 'Webhook events', href: PATHS.webhooks },
    { title: 'Errors', href: PATHS.errors },
    { title: 'Explorer', href: PATHS.explorer },
  ];
}
