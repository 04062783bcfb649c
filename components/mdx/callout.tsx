import type { ReactNode } from 'react';

const variants = {
  note: {
    label: 'Note',
    className: 'border-sky-600 bg-sky-50 dark:border-sky-400 dark:bg-sky-950/50',
    labelClass: 'text-sky-800 dark:text-sky-200',
  },
  warning: {
    label: 'Warning',
    className: 'border-amber-600 bg-amber-50 dark:border-amber-400 dark:bg-amber-950/50',
    labelClass: 'text-amber-900 dark:text-amber-200',
  },
} as const;

/**
 * A callout box for MDX authors: `<Callout type="warning" title="…">…</Callout>`.
 * Rendered as a labelled `<aside>` so screen readers announce it as a complementary note.
 * @param props.type `note` (default) or `warning`
 * @param props.title optional heading text; defaults to "Note" / "Warning"
 */
export function Callout({
  type = 'note',
  title,
  children,
}: {
  type?: keyof typeof variants;
  title?: string;
  children: ReactNode;
}) {
  const variant = variants[type] ?? variants.note;
  const label = title ?? variant.label;
  return (
    <aside
      aria-label={label}
      className={`my-6 rounded-r-lg border-l-4 px-4 py-3 text-[0.95rem] [&>p]:my-2 ${variant.className}`}
    >
      <p className={`font-semibold ${variant.labelClass}`}>{label}</p>
      {children}
    </aside>
  );
}
