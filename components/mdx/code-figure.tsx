import type { ReactNode } from 'react';

import { CopyButton } from '@/components/copy-button.client';

/**
 * A highlighted code block under a title row holding its Copy button (so the button never covers code on a phone).
 * Values are filled in by the caller. @param props.html highlighted HTML; props.source the text copied
 */
export function CodeFigure({ title, html, source }: { title: string; html: string; source: string }): ReactNode {
  return (
    <figure className="my-3 overflow-hidden rounded-lg border border-zinc-200 text-sm dark:border-zinc-700">
      <figcaption className="flex items-center justify-between gap-2 bg-zinc-50 px-3 py-1.5 font-semibold dark:bg-zinc-900">
        {title}
        <CopyButton text={source} label={title} />
      </figcaption>
      <div
        data-code-block=""
        className="[&_pre]:overflow-x-auto [&_pre]:p-4"
        dangerouslySetInnerHTML={{ __html: html }}
      />
    </figure>
  );
}
