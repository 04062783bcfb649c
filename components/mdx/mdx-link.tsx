import Link from 'next/link';
import type { ComponentPropsWithoutRef } from 'react';

import { prefetchFor } from '@/lib/prefetch';

/**
 * The MDX `a` element: site-internal links (`/…`, `#…`) go through next/link (client navigation,
 * prefetch); others are plain anchors. The portal makes no request off the machine, and neither do links.
 */
export function MdxLink({ href = '', children, ...rest }: ComponentPropsWithoutRef<'a'>) {
  const className =
    'font-medium text-indigo-700 underline underline-offset-2 hover:text-indigo-900 dark:text-indigo-300 dark:hover:text-indigo-200';
  if (href.startsWith('/')) {
    return (
      <Link href={href} prefetch={prefetchFor(href)} className={className} {...rest}>
        {children}
      </Link>
    );
  }
  return (
    <a href={href} className={className} {...rest}>
      {children}
    </a>
  );
}
