'use client';

import { CopyButton } from '@/components/copy-button.client';
import { usePortalOrigin } from '@/components/use-portal-origin';
import { fillSentinels } from '@/lib/snippets/fill';

/**
 * The copy button and highlighted HTML of a fenced code block whose text names the portal origin (as the origin
 * sentinel of lib/snippets/fill.ts): PORTAL_URL in server HTML, the page's own origin after hydration.
 * @param props.html highlighted HTML with the sentinel; @param props.source the text copied, with the sentinel
 * @param props.origin the server's portal origin (PORTAL_URL)
 */
export function OriginCode({ html, source, origin }: { html: string; source: string; origin: string }) {
  const values = { origin: usePortalOrigin(origin) };
  return (
    <>
      <div className="absolute top-2 right-2 z-10 bg-white/90 dark:bg-zinc-900/90">
        <CopyButton text={fillSentinels(source, values)} label="code" />
      </div>
      <div
        data-code-block=""
        className="[&_pre]:overflow-x-auto [&_pre]:p-4 [&_pre]:pr-20"
        dangerouslySetInnerHTML={{ __html: fillSentinels(html, values, true) }}
      />
    </>
  );
}
