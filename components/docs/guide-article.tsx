import { renderMdx } from '@/components/mdx/render-mdx';
import { PageMenu } from '@/components/page-menu';
import type { Guide } from '@/lib/content';

import { Breadcrumbs } from './breadcrumbs';
import { LastUpdated } from './last-updated';
import { PrevNext } from './prev-next';
import { Prose } from './prose';
import { TableOfContents } from './toc.client';

/**
 * A whole guide page inside the docs shell: breadcrumbs, title, description, page tools, the MDX
 * body, last-updated date and previous/next links, with "On this page" beside it on wide screens.
 * Rendered on the server at build time; only the TOC, the copy buttons and the page menu's copy button hydrate.
 * @param props.guide the compiled guide from lib/content/index.ts `getGuide()`
 */
export function GuideArticle({ guide }: { guide: Guide }) {
  const { href, title, description } = guide.meta;
  return (
    <div className="flex gap-10">
      <article className="max-w-3xl min-w-0 flex-1">
        <Breadcrumbs pathname={href} />
        <h1 className="mt-3 text-3xl font-bold tracking-tight sm:text-4xl">{title}</h1>
        <p className="mt-3 text-lg text-zinc-700 dark:text-zinc-300">{description}</p>
        <div className="mt-4 flex flex-wrap items-center gap-x-6 gap-y-2">
          <LastUpdated iso={guide.lastUpdated} />
          <PageMenu href={href} />
        </div>
        <Prose>{renderMdx(guide.code)}</Prose>
        <PrevNext pathname={href} />
      </article>
      <aside className="hidden w-56 shrink-0 xl:block">
        <div className="sticky top-20 max-h-[calc(100vh-6rem)] overflow-y-auto">
          <TableOfContents headings={guide.headings} />
        </div>
      </aside>
    </div>
  );
}
