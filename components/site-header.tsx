import Link from 'next/link';

import { topNavigation } from '@/lib/navigation';

import { NavLink } from './nav-link.client';
import { SearchDialog } from './search/search-dialog.client';
import { ThemeToggle } from './theme-toggle.client';

/** The sticky site header: product name, the top navigation from `lib/navigation.ts`, theme switch. */
export function SiteHeader() {
  return (
    <header className="sticky top-0 z-30 border-b border-zinc-200 bg-white/95 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/95">
      <div className="mx-auto flex h-14 max-w-[90rem] items-center gap-1 px-2 sm:gap-4 sm:px-4">
        <Link href="/" className="flex items-center gap-2 font-semibold text-zinc-900 dark:text-zinc-50">
          <Logo />
          <span className="sr-only sm:not-sr-only">
            AeThex <span className="font-normal text-zinc-600 dark:text-zinc-400">Developers</span>
          </span>
        </Link>
        <nav aria-label="Main" className="ml-auto flex items-center text-sm sm:ml-6 sm:gap-1">
          {topNavigation.map((item) => (
            <NavLink
              key={item.href}
              href={item.href}
              matchPrefix
              className="rounded-md px-1.5 py-1.5 whitespace-nowrap text-zinc-700 hover:bg-zinc-100 hover:text-zinc-900 data-[active]:font-semibold data-[active]:text-indigo-700 sm:px-3 dark:text-zinc-300 dark:hover:bg-zinc-800 dark:hover:text-white dark:data-[active]:text-indigo-300"
            >
              {item.shortTitle ? (
                <>
                  {/* Below 360 px the full titles overflow; the short one shows, the full one stays the name. */}
                  <span aria-hidden="true" className="hidden max-[359px]:inline">
                    {item.shortTitle}
                  </span>
                  <span className="max-[359px]:sr-only">{item.title}</span>
                </>
              ) : (
                item.title
              )}
            </NavLink>
          ))}
        </nav>
        <div className="flex items-center gap-1 sm:ml-auto">
          <SearchDialog />
          <ThemeToggle />
        </div>
      </div>
    </header>
  );
}

function Logo() {
  return (
    <svg aria-hidden="true" viewBox="0 0 32 32" className="h-7 w-7">
      <rect width="32" height="32" rx="7" className="fill-indigo-600 dark:fill-indigo-500" />
      <path
        d="M9 23 16 8l7 15M11.8 17.5h8.4"
        fill="none"
        stroke="white"
        strokeWidth="2.6"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
