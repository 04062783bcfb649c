'use client';

import { useState } from 'react';

import { AUTHORED_ORIGIN } from '@/lib/site';

/**
 * "Copy page as Markdown": fetches the page's Markdown twin (`<path>.md`, same origin, static) and
 * puts it on the clipboard, announcing the result through a polite live region. The twin was written with the
 * build's origin (`origin`); the copy names the origin the reader is on, like the page itself.
 * @param props.markdownHref the twin's path, e.g. `/docs/pagination.md`
 * @param props.origin the origin the twin's URLs and commands use (PORTAL_URL at build time)
 */
export function CopyPageButton({ markdownHref, origin }: { markdownHref: string; origin: string }) {
  const [status, setStatus] = useState('');
  async function copy() {
    try {
      const response = await fetch(markdownHref);
      if (!response.ok) throw new Error(String(response.status));
      const here = window.location.origin;
      const text = (await response.text()).replaceAll(origin, here).replaceAll(AUTHORED_ORIGIN, here);
      await navigator.clipboard.writeText(text);
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
