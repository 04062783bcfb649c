import Link from 'next/link';

import { PATHS } from '@/lib/urls';

/** The site footer: where the machine-readable API description lives. Links are at least 24 px tall (WCAG 2.2 target size, 2.5.8). */
export function SiteFooter() {
  return (
    <footer className="border-t border-zinc-200 text-sm text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
      <div className="mx-auto flex max-w-[90rem] flex-wrap items-center gap-x-6 gap-y-2 px-4 py-6">
        <p>© AeThex. Docs for the AeThex REST API.</p>
        <nav aria-label="Footer" className="flex flex-wrap gap-x-4 gap-y-2">
          <Link
            className="inline-flex min-h-6 items-center underline-offset-4 hover:underline"
            href={PATHS.openapiYaml}
            prefetch={false}
          >
            OpenAPI (YAML)
          </Link>
          <Link
            className="inline-flex min-h-6 items-center underline-offset-4 hover:underline"
            href={PATHS.openapiJson}
            prefetch={false}
          >
            OpenAPI (JSON)
          </Link>
        </nav>
      </div>
    </footer>
  );
}
