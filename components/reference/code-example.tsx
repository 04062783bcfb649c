import { highlight } from '@/lib/highlight';

/**
 * A highlighted code example (shiki on the server, dual light/dark themes via CSS variables).
 * @param props.code the text shown, exactly
 * @param props.lang a shiki language id (`json`, `http`, `bash`, …)
 * @param props.label accessible name of the scrollable region, e.g. "Example response body"
 */
export async function CodeExample({ code, lang, label }: { code: string; lang: string; label: string }) {
  const html = await highlight(code, lang);
  return (
    <div
      role="region"
      aria-label={label}
      tabIndex={0}
      className="overflow-x-auto rounded-md border border-zinc-200 text-sm dark:border-zinc-800 [&_pre]:p-3"
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
