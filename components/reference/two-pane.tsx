import type { ReactNode } from 'react';

/**
 * The shape of operation, webhook event and overview pages. From 1200 px wide: the intro and the body on the
 * left, the panel on the right, sticky below the site header for the whole length of the page (its grid area
 * spans both rows), so the sample and the example stay in view while the reader scrolls. Narrower, the same DOM
 * reads top to bottom: intro, the panel once, then the body.
 * @param props.intro title block and description
 * @param props.panel code sample and example (server-rendered)
 * @param props.panelLabel accessible name of the panel's `<aside>`, e.g. "Request and response examples"
 * @param props.beside `'all'` (default): the panel is sticky beside the whole page; `'intro'`: it sits beside the
 *   intro only and the body takes the full width below (the overview, whose wide tables need it)
 * @param props.children the body: authentication, parameters, responses, …
 */
export function TwoPane({
  intro,
  panel,
  panelLabel,
  beside = 'all',
  children,
}: {
  intro: ReactNode;
  panel: ReactNode;
  panelLabel: string;
  beside?: 'all' | 'intro';
  children: ReactNode;
}) {
  const whole = beside === 'all';
  return (
    <article className="min-[1200px]:grid min-[1200px]:grid-cols-[minmax(0,1fr)_minmax(0,1fr)] min-[1200px]:gap-x-10">
      <div className="min-w-0 min-[1200px]:col-start-1 min-[1200px]:row-start-1">{intro}</div>
      <aside
        aria-label={panelLabel}
        className={`mt-8 min-w-0 min-[1200px]:col-start-2 min-[1200px]:row-start-1 min-[1200px]:mt-0 ${whole ? 'min-[1200px]:row-span-2' : ''}`}
      >
        <div
          className={
            whole
              ? 'min-[1200px]:sticky min-[1200px]:top-[4.5rem] min-[1200px]:max-h-[calc(100vh-5rem)] min-[1200px]:overflow-y-auto'
              : undefined
          }
        >
          {panel}
        </div>
      </aside>
      {/* The bottom padding keeps the sticky panel clear of the footer when the page is scrolled to its end. */}
      <div
        className={`min-w-0 min-[1200px]:row-start-2 ${whole ? 'min-[1200px]:col-start-1 min-[1200px]:pb-24' : 'min-[1200px]:col-span-2'}`}
      >
        {children}
      </div>
    </article>
  );
}
