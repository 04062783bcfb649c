import { siteUrl } from '@/lib/site';
import { markdownHref } from '@/lib/urls';

import { PAGE_MENU_ITEM } from './page-menu-style';
import { CopyMarkdownButton } from './page-menu.client';

/**
 * The page menu every page shows under its title: "Copy as Markdown" (the only client part) and "View as Markdown",
 * a plain link to the page's twin (`<page>.md`, `/index.md` for home; lib/markdown/pages.ts). Both are ordinary
 * focusable controls in a labelled group, and wrap rather than scroll on a phone.
 * @param props.href the page's path (`/reference/listProjects`, `/` for home)
 * @param props.className spacing from the parent
 */
export function PageMenu({ href, className = '' }: { href: string; className?: string }) {
  const twin = markdownHref(href);
  return (
    <div role="group" aria-label="Page as Markdown" className={`flex flex-wrap items-center gap-2 ${className}`}>
      <CopyMarkdownButton markdownHref={twin} origin={siteUrl()}>
        <a href={twin} type="text/markdown" className={PAGE_MENU_ITEM}>
          View as Markdown
        </a>
      </CopyMarkdownButton>
    </div>
  );
}
