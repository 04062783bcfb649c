'use client';

import { useEffect, useState } from 'react';

import { copyText } from '@/lib/clipboard';

type CopyState = 'idle' | 'copied' | 'failed';

/**
 * A button that copies exactly `text` (the caller's raw data, never text scraped from rendered HTML)
 * and announces "Copied" (or "Copy failed") through a polite aria-live region for screen readers.
 * The accessible name is the visible word plus `label` (WCAG 2.5.3 label in name): "Copy cURL sample".
 * @param props.text what goes on the clipboard, byte for byte
 * @param props.label what is copied, for screen readers, e.g. "cURL sample" (optional)
 * @param props.className extra classes for the button
 */
export function CopyButton({ text, label, className = '' }: { text: string; label?: string; className?: string }) {
  const [state, setState] = useState<CopyState>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <>
      <button
        type="button"
        onClick={async () => setState((await copyText(text)) ? 'copied' : 'failed')}
        className={`inline-flex min-w-[4.5rem] items-center justify-center rounded-md border border-zinc-300 px-2 py-1 text-xs font-medium text-zinc-700 hover:bg-zinc-100 dark:border-zinc-600 dark:text-zinc-200 dark:hover:bg-zinc-800 ${className}`}
      >
        {state === 'copied' ? 'Copied' : 'Copy'}
        {label ? <span className="sr-only"> {label}</span> : null}
      </button>
      <span aria-live="polite" role="status" className="sr-only">
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : ''}
      </span>
    </>
  );
}
