'use client';

import { CopyButton } from '@/components/copy-button.client';
import { usePortalOrigin } from '@/components/use-portal-origin';
import { fillSentinels } from '@/lib/snippets/fill';

/**
 * A highlighted code block under a title row holding its Copy button (so the button never covers code on a phone),
 * with the portal origin filled in where the text holds the origin sentinel (lib/snippets/fill.ts).
 * @param props.html highlighted HTML; props.source the text copied; props.origin the server's portal origin
 */
export function TitledCode({
  title,
  html,
  source,
  origin,
}: {
  title: string;
  html: string;
  source: string;
  origin: string;
}) {
  const values = { origin: usePortalOrigin(origin) };
  return (
    <figure className="my-3 overflow-hidden rounded-lg border border-zinc-200 text-sm dark:border-zinc-700">
      <figcaption className="flex items-center justify-between gap-2 bg-zinc-50 px-3 py-1.5 font-semibold dark:bg-zinc-900">
        {title}
        <CopyButton text={fillSentinels(source, values)} label={title} />
      </figcaption>
      <div
        data-code-block=""
        className="[&_pre]:overflow-x-auto [&_pre]:p-4"
        dangerouslySetInnerHTML={{ __html: fillSentinels(html, values, true) }}
      />
    </figure>
  );
}
