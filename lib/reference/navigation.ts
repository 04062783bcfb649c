/**
 * The "API reference" section of the site navigation, generated from the API model so every operation appears
 * (with its method badge, under its tag) as soon as the OpenAPI document gains it.
 */
import type { NavGroup, NavItem } from '../navigation';
import { apiModel, listOperations, type ApiTag, type Operation } from '../openapi';
import { operationHref, PATHS } from '../urls';

/** The heading of operations that have no tag. */
export const UNTAGGED_TITLE = 'Other operations';

/**
 * The operations as sidebar links grouped by tag, in the document's order (OpenAPI: "the order of the [root] tags
 * can be used to reflect on their order by the parsing tools"). A link shows the short navigation title
 * (`x-aethex-nav-title`) with a method badge: summaries are sentences, and the operation page's h1 shows the summary
 * in full. An operation with several tags is listed under its first only, so each page has one place in the sidebar
 * (and in previous/next order).
 * @param operations operations in document order (only `operationId`, `method`, `navTitle` and `tag` are read)
 * @param tags the document's root tags
 * @returns one group per tag that has operations: the declared tags in their order, then undeclared ones in the
 *   order operations first use them, then untagged operations under {@link UNTAGGED_TITLE}; links in document order
 */
export function operationGroups(
  operations: readonly Pick<Operation, 'operationId' | 'method' | 'navTitle' | 'tag'>[],
  tags: readonly Pick<ApiTag, 'name'>[],
): NavGroup[] {
  const byTag = new Map<string, NavItem[]>(tags.map((tag) => [tag.name, []]));
  for (const operation of operations) {
    const items = byTag.get(operation.tag) ?? [];
    byTag.set(operation.tag, items);
    items.push({
      title: operation.navTitle || operation.operationId,
      href: operationHref(operation.operationId),
      method: operation.method,
    });
  }
  const untagged = byTag.get('') ?? [];
  byTag.delete('');
  return [...byTag, [UNTAGGED_TITLE, untagged] as const]
    .filter(([, items]) => items.length > 0)
    .map(([title, items]) => ({ title, items }));
}

/**
 * The reference pages that are not operations (overview, errors, webhook events) in an untitled group first, as
 * Stripe lists its introduction and errors before the resources; then the operations by tag.
 * @returns groups in sidebar order; every href is a statically generated page
 */
export function referenceNavGroups(): NavGroup[] {
  return [
    {
      items: [
        { title: 'Overview', href: PATHS.reference },
        { title: 'Errors', href: PATHS.errors },
        { title: 'Webhook events', href: PATHS.webhooks },
      ],
    },
    ...operationGroups(listOperations(), apiModel().tags),
  ];
}
