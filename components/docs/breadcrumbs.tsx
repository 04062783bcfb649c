import Link from 'next/link';

import { locate, sectionItems } from '@/lib/navigation';

/**
 * "Docs › Get started › Pagination" for the current page, from lib/navigation.ts (WAI-ARIA APG
 * breadcrumb pattern: a labelled nav, an ordered list, `aria-current="page"` on the last item).
 * @param props.pathname the page's path, e.g. `/docs/pagination`; renders nothing when unlisted
 */
export function Breadcrumbs({ pathname }: { pathname: string }) {
  const place = locate(pathname);
  if (!place) return null;
  const first = sectionItems(place.section)[0];
  return (
    <nav aria-label="Breadcrumb" className="text-sm text-zinc-600 dark:text-zinc-400">
      <ol className="flex flex-wrap items-center gap-1.5">
        <li>
          <Link href="/" className="hover:text-zinc-900 hover:underline dark:hover:text-white">
            Home
          </Link>
        </li>
        <li aria-hidden="true">›</li>
        <li>
          {first && first.href !== pathname ? (
            <Link href={first.href} className="hover:text-zinc-900 hover:underline dark:hover:text-white">
              {place.section.title}
            </Link>
          ) : (
            place.section.title
          )}
        </li>
        <li aria-hidden="true">›</li>
        <li aria-current="page" className="font-medium text-zinc-900 dark:text-zinc-100">
          {place.item.title}
        </li>
      </ol>
    </nav>
  );
}
