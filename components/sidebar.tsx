import type { ReactNode } from 'react';

import { getSidebar, type NavItem } from '@/lib/navigation';

import { MethodBadge } from './method-badge';
import { NavLink } from './nav-link.client';
import { SidebarScroll } from './sidebar-scroll.client';

/**
 * One sidebar link: the method badge (for an operation) and the full title, which wraps rather than being cut off
 * (the badge stays on the first line). The current page gets a left bar as well as the tint, so it is marked by
 * more than a light background (WCAG 1.4.11: 3:1 against the tint in both themes).
 * @param props.item the navigation item
 */
function SidebarLink({ item }: { item: NavItem }) {
  return (
    <NavLink
      href={item.href}
      className="nav-item items-start data-[active]:shadow-[inset_3px_0_0_var(--color-indigo-600)] dark:data-[active]:shadow-[inset_3px_0_0_var(--color-indigo-400)]"
      // The badge and title are separate boxes; the label joins them into "GET List projects".
      label={item.method ? `${item.method.toUpperCase()} ${item.title}` : undefined}
    >
      {item.method ? (
        <span className="flex h-5 shrink-0 items-center">
          <MethodBadge method={item.method} />
        </span>
      ) : null}
      <span className="min-w-0 break-words">{item.title}</span>
    </NavLink>
  );
}

/**
 * The sidebar links, from the navigation module; server-rendered, with a tiny client link for the active state.
 * A titled group (an OpenAPI tag) is a list named by its heading, so a screen reader announces "Projects, list".
 * @param props.idPrefix makes the headings' ids unique: the sidebar is rendered twice (phone menu, wide aside)
 */
function SidebarLinks({ idPrefix }: { idPrefix: string }) {
  return (
    <nav aria-label="Sections" className="space-y-6 text-sm">
      {getSidebar().map((section, sectionIndex) => (
        <div key={section.title}>
          <p className="mb-2 px-2 text-xs font-semibold tracking-wide text-zinc-600 uppercase dark:text-zinc-400">
            {section.title}
          </p>
          <div className="space-y-3">
            {section.groups.map((group, groupIndex) => {
              const headingId = group.title ? `${idPrefix}-nav-${sectionIndex}-${groupIndex}` : undefined;
              return (
                <div key={group.title ?? groupIndex}>
                  {group.title ? (
                    <p id={headingId} className="px-2 pb-1 text-xs font-semibold text-zinc-800 dark:text-zinc-200">
                      {group.title}
                    </p>
                  ) : null}
                  <ul aria-labelledby={headingId} className="space-y-0.5">
                    {group.items.map((item) => (
                      <li key={item.href}>
                        <SidebarLink item={item} />
                      </li>
                    ))}
                  </ul>
                </div>
              );
            })}
          </div>
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
          <SidebarLinks idPrefix="menu" />
        </div>
      </details>
      <aside aria-label="Site navigation" className="hidden w-64 shrink-0 lg:block">
        <SidebarScroll className="sticky top-14 max-h-[calc(100vh-3.5rem)] overflow-y-auto py-8 pr-2">
          <SidebarLinks idPrefix="aside" />
        </SidebarScroll>
      </aside>
      <div className="min-w-0 flex-1 py-8">{children}</div>
    </div>
  );
}
