'use client';

import { useState } from 'react';

/**
 * "Copy page as Markdown": fetches the page's Markdown twin (`<path>.md`, same origin, static) and
 * puts it on the clipboard, announcing the result through a polite live region.
 * @param props.markdownHref the twin's path, e.g. `/docs/pagination.md`
 */
export function CopyPageButton({ markdownHref }: { markdownHref: string }) {
  const [status, setStatus] = useState('');
  async function copy() {
    try {
      const response = await fetch(markdownHref);
      if (!response.ok) throw new Error(String(response.status));
      await navigator.clipboard.writeText(await response.text());
      setStatus('Page copied as Markdown');
    } catch {
      setStatus('Copy failed');
    }
    setTimeout(() => setStatus(''), 2500);
  }
  return (
    <div className="flex items-center gap-2">
      <button
        type="button"
        onClick={copy}
        className="rounded-md border border-zinc-300 px-2.5 py-1 text-xs font-medium text-zinc-700 hover:bg-zinc-100 dark:border-zinc-700 dark:text-zinc-200 dark:hover:bg-zinc-800"
      >
        Copy page as Markdown
      </button>
      <span role="status" aria-live="polite" className="text-xs text-zinc-600 dark:text-zinc-400">
        {status}
      </span>
    </div>
  );
}
