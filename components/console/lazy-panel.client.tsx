'use client';

import { useEffect, useRef, useState, type ReactNode } from 'react';

import { useConsoleState } from './use-console';

/**
 * A disclosure whose content is created only once it is first opened, so code-split panels
 * (samples, webhooks) cost nothing on a first visit. A link to `#<id>` (e.g. /console#webhooks from a guide) opens it
 * and scrolls to it.
 */
export function LazyPanel({ id, title, children }: { id: string; title: string; children: () => ReactNode }) {
  const [opened, setOpened] = useState(false);
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const openFromHash = () => {
      const details = ref.current;
      if (!details || window.location.hash !== `#${id}`) return;
      details.open = true;
      details.scrollIntoView({ block: 'start' });
    };
    openFromHash();
    window.addEventListener('hashchange', openFromHash);
    return () => window.removeEventListener('hashchange', openFromHash);
  }, [id]);
  return (
    <details
      id={id}
      ref={ref}
      className="min-w-0 rounded-xl border border-zinc-200 p-4 dark:border-zinc-800"
      onToggle={(e) => e.currentTarget.open && setOpened(true)}
    >
      <summary id={`${id}-title`} className="cursor-pointer text-lg font-semibold tracking-tight">
        {title}
      </summary>
      <div className="mt-3 min-w-0">{opened ? children() : null}</div>
    </details>
  );
}

/** The console's status line (polite live region): the last action's outcome or error. */
export function Notice() {
  const notice = useConsoleState((s) => s.notice);
  return (
    <p
      role="status"
      aria-live="polite"
      className={`min-h-5 text-sm ${notice?.kind === 'error' ? 'font-medium text-red-700 dark:text-red-300' : 'text-zinc-700 dark:text-zinc-300'}`}
    >
      {notice?.text ?? ''}
    </p>
  );
}
