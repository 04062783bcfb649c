import type { Metadata } from 'next';

import { PageMenu } from '@/components/page-menu';
import { Description } from '@/components/reference/description';
import { ErrorEntry } from '@/components/reference/error-entry';
import { DocsShell } from '@/components/sidebar';
import { listErrors } from '@/lib/openapi';
import { markdownAlternate, PAGE_META } from '@/lib/page-meta';
import { problemExample, retryAfterStatuses } from '@/lib/reference/errors';
import { overviewSections } from '@/lib/reference/overview';
import { PATHS } from '@/lib/urls';

export const metadata: Metadata = { ...PAGE_META.errors, ...markdownAlternate(PATHS.errors) };

/** Every error code of the public error table, each with a stable anchor (`#<status>`). */
export default function Page() {
  const retryAfter = retryAfterStatuses();
  const intro = overviewSections().sections.find((section) => section.slug === 'errors');
  return (
    <DocsShell>
      <article className="max-w-4xl space-y-8">
        <h1 className="text-3xl font-bold tracking-tight">Errors</h1>
        <PageMenu href={PATHS.errors} />
        <Description text={intro?.body} />
        {listErrors().map((error) => (
          <ErrorEntry
            key={error.status}
            error={error}
            example={problemExample(error.status)}
            retryAfter={retryAfter.has(error.status)}
          />
        ))}
      </article>
    </DocsShell>
  );
}
