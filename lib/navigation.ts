/**
 * The one navigation tree of the portal: header links, sidebar, breadcrumbs, previous/next links
 * and the link checker all read it, so a page is reachable exactly when it is listed here.
 */

import { listGuides } from './content';
import { listWebhooks } from './openapi';
import { referenceNavGroups } from './reference/navigation';
import { guideHref, PATHS, webhookHref } from './urls';

/** A link in the navigation. `method` marks an API operation (GET, POST, …) for a badge. */
export type NavItem = {
  title: string;
  /** A shorter title for the header on the narrowest phones (below 360 px), where the full ones overflow. */
  shortTitle?: string;
  href: string;
  method?: string;
};

/** A run of links inside a sidebar section, under its own heading (an OpenAPI tag) or, untitled, under none. */
export type NavGroup = {
  title?: string;
  items: NavItem[];
};

/** A titled part of the sidebar: its groups of links, in order. */
export type NavSection = {
  title: string;
  groups: NavGroup[];
};

/** Top-level areas of the site, shown in the header in this order. */
export const topNavigation: readonly NavItem[] = [
  { title: 'Guides', href: guideHref('quickstart') },
  { title: 'API reference', shortTitle: 'API', href: PATHS.reference },
  { title: 'Console', href: PATHS.console },
];

/**
 * The sidebar tree.
 * @returns sections in display order; every `href` is a page that exists in the build.
 */
export function getSidebar(): NavSection[] {
  return [
    {
      title: 'Get started',
      // Guides come from content/ (lib/content/index.ts), in frontmatter `order`.
      groups: [{ items: listGuides().map((guide) => ({ title: guide.title, href: guide.href })) }],
    },
    {
      title: 'API reference',
      // Overview, errors and webhook events, then the operations under their tags (lib/reference/navigation.ts).
      groups: referenceNavGroups(),
    },
    {
      title: 'Tools',
      // The explorer sits beside the console: both call the API; the reference section is for reading.
      groups: [
        {
          items: [
            { title: 'Console', href: PATHS.console },
            { title: 'API explorer', href: PATHS.explorer },
          ],
        },
      ],
    },
  ];
}

/**
 * A section's links in order, its groups run together.
 * @param section a section of {@link getSidebar}
 * @returns its items, first group first
 */
export function sectionItems(section: NavSection): NavItem[] {
  return section.groups.flatMap((group) => group.items);
}

/**
 * Every page the navigation links to, once each, in order.
 * @returns absolute paths (no host), e.g. `/docs/quickstart`.
 */
export function allNavigationHrefs(): string[] {
  const hrefs = [...topNavigation, ...getSidebar().flatMap(sectionItems)].map((i) => i.href);
  return [...new Set(hrefs)];
}

/**
 * Every page of the site, once each: the home page, the navigation's pages, then the pages the navigation
 * reaches only through an index (one per webhook event, listed on `/reference/webhooks`). The sitemap, the
 * accessibility spec and the benchmark read it, so none of them misses a page.
 * @returns absolute paths (no host), home first
 */
export function allPageHrefs(): string[] {
  const webhookPages = listWebhooks().map((webhook) => webhookHref(webhook.event));
  return [...new Set([PATHS.home, ...allNavigationHrefs(), ...webhookPages])];
}

/**
 * The section, group and item a path belongs to, for breadcrumbs and previous/next links.
 * @param pathname a path such as `/docs/pagination`
 * @returns the section, the group, the item and its neighbours in sidebar order (across groups and sections), or
 *   `undefined` when unlisted.
 */
export function locate(
  pathname: string,
): { section: NavSection; group: NavGroup; item: NavItem; previous?: NavItem; next?: NavItem } | undefined {
  const flat = getSidebar().flatMap((section) =>
    section.groups.flatMap((group) => group.items.map((item) => ({ section, group, item }))),
  );
  const index = flat.findIndex((entry) => entry.item.href === pathname);
  const found = flat[index];
  if (!found) return undefined;
  return { ...found, previous: flat[index - 1]?.item, next: flat[index + 1]?.item };
}
