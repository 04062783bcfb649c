'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';

import { prefetchFor } from '@/lib/prefetch';

/**
 * A navigation link that marks itself `aria-current="page"` (and styles itself) when it points at the
 * current page, or at an ancestor of it when `matchPrefix` is set.
 * @param props.href target path
 * @param props.matchPrefix treat `/reference/x` as inside `/reference`
 * @param props.className classes; the active state adds `data-active`
 * @param props.label accessible name, when the visible content alone does not read well (it should start with
 *   the visible text)
 */
export function NavLink({
  href,
  matchPrefix = false,
  className,
  label,
  children,
}: {
  href: string;
  matchPrefix?: boolean;
  className?: string;
  label?: string;
  children: ReactNode;
}) {
  const pathname = usePathname();
  const section = href.split('/').slice(0, 2).join('/');
  const active = pathname === href || (matchPrefix && pathname.startsWith(section + '/'));
  return (
    <Link
      href={href}
      prefetch={prefetchFor(href)}
      className={className}
      aria-label={label}
      aria-current={active ? 'page' : undefined}
      data-active={active || undefined}
    >
      {children}
    </Link>
  );
}
