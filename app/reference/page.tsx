import type { Metadata } from 'next';

import { OverviewView } from '@/components/reference/overview-view';
import { DocsShell } from '@/components/sidebar';
import { markdownAlternate, PAGE_META } from '@/lib/page-meta';
import { PATHS } from '@/lib/urls';

export const metadata: Metadata = { ...PAGE_META.reference, ...markdownAlternate(PATHS.reference) };

/** The API reference overview, generated from the OpenAPI document. */
export default function Page() {
  return (
    <DocsShell>
      <OverviewView />
    </DocsShell>
  );
}
