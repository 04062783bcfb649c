import type { ReactNode } from 'react';

/**
 * Shared class names so every console control looks and focuses the same. Buttons that are busy use
 * `aria-disabled` (styled like `disabled`) rather than `disabled`: disabling the focused button makes the
 * browser drop focus to <body> (HTML focus fixup), and a keyboard user who pressed Enter loses their place.
 */
export const inputClass =
  'w-full rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm text-zinc-900 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-600 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-100';
export const buttonClass =
  'inline-flex items-center gap-1 rounded-md bg-indigo-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-800 disabled:opacity-60 aria-disabled:cursor-not-allowed aria-disabled:opacity-60 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600';
export const secondaryButtonClass =
  'inline-flex items-center gap-1 rounded-md border border-zinc-300 px-2.5 py-1 text-sm text-zinc-900 hover:bg-zinc-100 disabled:opacity-60 dark:border-zinc-600 dark:text-zinc-100 dark:hover:bg-zinc-800 aria-disabled:cursor-not-allowed aria-disabled:opacity-60 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600';

/**
 * A titled panel of the console (a labelled region for screen readers).
 * @param props.title heading text (h2); props.id anchor and label id
 */
export function Panel({
  id,
  title,
  children,
  actions,
}: {
  id: string;
  title: string;
  children: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <section aria-labelledby={`${id}-title`} className="rounded-xl border border-zinc-200 p-4 dark:border-zinc-800">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 id={`${id}-title`} className="text-lg font-semibold tracking-tight">
          {title}
        </h2>
        {actions}
      </div>
      {children}
    </section>
  );
}
