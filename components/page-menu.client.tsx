'use client';

import { useState, type ReactNode } from 'react';

import { AUTHORED_ORIGIN } from '@/lib/site';

import { PAGE_MENU_ITEM } from './page-menu-style';

/**
 * "Copy as Markdown": fetches the page's Markdown twin (`<path>.md`, same origin, static) and puts it on the
 * clipboard, announcing the result through a polite live region. The twin was written with the build's origin
 * (`origin`); the copy names the origin the reader is on, like the page itself.
 * @param props.markdownHref the twin's path, e.g. `/docs/pagination.md`
 * @param props.origin the origin the twin's URLs and commands use (PORTAL_URL at build time)
 * @param props.children server-rendered items shown after the button, before the status (the "View" link)
 */
export function CopyMarkdownButton({
  markdownHref,
  origin,
  children,
}: {
  markdownHref: string;
  origin: string;
  children?: ReactNode;
}) {
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
    <>
      <button type="button" onClick={copy} className={PAGE_MENU_ITEM}>
        Copy as Markdown
      </button>
      {children}
      <span role="status" aria-live="polite" className="text-xs text-zinc-700 dark:text-zinc-300">
        {status}
      </span>
    </>
  );
}
