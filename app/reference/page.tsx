import type { Metadata } from 'next';

import { OverviewView } from '@/components/reference/overview-view';
import { DocsShell } from '@/components/sidebar';
import { PAGE_META } from '@/lib/page-meta';

export const metadata: Metadata = PAGE_META.reference;

/** The API reference overview, generated from the OpenAPI document. */
export default function Page() {
  return (
    <DocsShell>
      <OverviewView />
    </DocsShell>
  );
}
