import type { ReactNode } from 'react';

/**
 * A titled section of a reference page with an anchor (`id`) for deep links and the table of contents.
 * @param props.id the anchor id
 * @param props.title the `<h2>` text
 */
export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="mt-10 space-y-4">
      <h2 id={id} className="scroll-mt-20 text-xl font-semibold tracking-tight">
        {title}
      </h2>
      {children}
    </section>
  );
}
