'use client';

import { lookUpRequestId } from '@/lib/console/actions';
import { hasSandboxTools } from '@/lib/console/target';

import { useConsole, useConsoleState } from './use-console';

/** "Look up" beside a request ID: shows its logged exchange in the lookup panel and moves focus there. */
export function LookUpButton({ requestId }: { requestId: string }) {
  const { data, store } = useConsole();
  const target = useConsoleState((s) => s.target);
  if (!hasSandboxTools(target)) return null;
  return (
    <button
      type="button"
      aria-label={`Look up ${requestId}`}
      className="rounded border border-zinc-300 px-1.5 py-0.5 text-xs text-zinc-800 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-600 dark:border-zinc-600 dark:text-zinc-200 dark:hover:bg-zinc-800"
      onClick={() => {
        void lookUpRequestId(store, data, requestId);
        const panel = document.getElementById('lookup-title')?.closest('section');
        panel?.scrollIntoView({ block: 'start' });
        panel?.querySelector('input')?.focus({ preventScroll: true });
      }}
    >
      Look up
    </button>
  );
}
