import Link from 'next/link';

import { locate } from '@/lib/navigation';

/**
 * Previous / next page links in sidebar order (lib/navigation.ts `locate()`).
 * @param props.pathname the current page's path; renders nothing when unlisted
 */
export function PrevNext({ pathname }: { pathname: string }) {
  const place = locate(pathname);
  if (!place || (!place.previous && !place.next)) return null;
  const box =
    'group flex flex-col rounded-lg border border-zinc-200 px-4 py-3 hover:border-indigo-400 dark:border-zinc-800 dark:hover:border-indigo-500';
  return (
    <nav aria-label="Previous and next pages" className="mt-12 grid gap-4 sm:grid-cols-2">
      {place.previous ? (
        <Link href={place.previous.href} rel="prev" className={box}>
          <span className="text-xs text-zinc-600 dark:text-zinc-400">Previous</span>
          <span className="font-medium text-indigo-700 dark:text-indigo-300">← {place.previous.title}</span>
        </Link>
      ) : (
        <span />
      )}
      {place.next ? (
        <Link href={place.next.href} rel="next" className={`${box} sm:items-end sm:text-right`}>
          <span className="text-xs text-zinc-600 dark:text-zinc-400">Next</span>
          <span className="font-medium text-indigo-700 dark:text-indigo-300">{place.next.title} →</span>
        </Link>
      ) : null}
    </nav>
  );
}
