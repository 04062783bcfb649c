import type { ReactNode } from 'react';

import { getSidebar } from '@/lib/navigation';

import { MethodBadge } from './method-badge';
import { NavLink } from './nav-link.client';

/** The sidebar links, from the navigation module; server-rendered, with a tiny client link for the active state. */
function SidebarLinks() {
  return (
    <nav aria-label="Sections" className="space-y-6 text-sm">
      {getSidebar().map((section) => (
        <div key={section.title}>
          <p className="mb-2 px-2 text-xs font-semibold tracking-wide text-zinc-600 uppercase dark:text-zinc-400">
            {section.title}
          </p>
          <ul className="space-y-0.5">
            {section.items.map((item) => (
              <li key={item.href}>
                {/* The badge and title are separate boxes; the label joins them into "GET List projects". */}
                <NavLink
                  href={item.href}
                  className="nav-item"
                  label={item.method ? `${item.method.toUpperCase()} ${item.title}` : undefined}
                >
                  {item.method ? <MethodBadge method={item.method} /> : null}
                  <span className="min-w-0 truncate">{item.title}</span>
                </NavLink>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}

/**
 * The docs layout: sidebar beside the content on wide screens; on phones the sidebar folds into a
 * "Menu" disclosure above the content (native `<details>`, so it needs no JavaScript).
 * @param props.children the page content
 */
export function DocsShell({ children }: { children: ReactNode }) {
  return (
    <div className="mx-auto flex w-full max-w-[90rem] flex-col gap-6 px-4 lg:flex-row lg:gap-10">
      <details className="border-b border-zinc-200 py-3 lg:hidden dark:border-zinc-800">
        <summary className="cursor-pointer text-sm font-medium text-zinc-800 dark:text-zinc-200">Menu</summary>
        <div className="pt-4">
          <SidebarLinks />
        </div>
      </details>
      <aside className="hidden w-64 shrink-0 lg:block">
        <div className="sticky top-14 max-h-[calc(100vh-3.5rem)] overflow-y-auto py-8 pr-2">
          <SidebarLinks />
        </div>
      </aside>
      <div className="min-w-0 flex-1 py-8">{children}</div>
    </div>
  );
}
