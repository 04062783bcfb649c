import type { Metadata } from 'next';
import Link from 'next/link';

import { topNavigation } from '@/lib/navigation';

export const metadata: Metadata = { title: 'Page not found', robots: { index: false } };

/** The 404 page: says what happened and offers the main areas of the site. */
export default function NotFound() {
  return (
    <div className="mx-auto max-w-2xl px-4 py-20 text-center">
      <p className="font-mono text-sm font-semibold text-indigo-700 dark:text-indigo-300">404</p>
      <h1 className="mt-2 text-3xl font-bold tracking-tight">Page not found</h1>
      <p className="mt-4 text-zinc-700 dark:text-zinc-300">
        This page does not exist or has moved. Try one of these instead:
      </p>
      <ul className="mt-6 flex flex-wrap justify-center gap-3">
        {[{ title: 'Home', href: '/' }, ...topNavigation].map((item) => (
          <li key={item.href}>
            <Link
              href={item.href}
              className="rounded-md border border-zinc-300 px-3 py-1.5 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
            >
              {item.title}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
