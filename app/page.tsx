import type { Metadata } from 'next';

import { CardGrid } from '@/components/card-grid';
import { FirstCallSteps, HomeHero } from '@/components/home';
import { markdownAlternate } from '@/lib/page-meta';
import { guideHref, PATHS } from '@/lib/urls';

export const metadata: Metadata = markdownAlternate(PATHS.home);

/** Home: get a newcomer to their first authenticated call. */
export default function HomePage() {
  return (
    <div className="mx-auto max-w-6xl px-4 py-12 sm:py-16">
      <HomeHero />
      <section aria-labelledby="start" className="mt-12">
        <h2 id="start" className="sr-only">
          Where to start
        </h2>
        <CardGrid
          cards={[
            {
              title: 'Quickstart',
              href: guideHref('quickstart'),
              description: 'Create a sandbox app, get a token and list your projects in five minutes.',
            },
            {
              title: 'API reference',
              href: PATHS.reference,
              description: 'Every operation, webhook event and error code, with samples in six languages.',
            },
            {
              title: 'Console',
              href: PATHS.console,
              description: 'Send real requests to the sandbox and read every response header.',
            },
          ]}
        />
      </section>
      <FirstCallSteps />
    </div>
  );
}
