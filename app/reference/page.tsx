import type { Metadata } from 'next';

import { OverviewView } from '@/components/reference/overview-view';
import { DocsShell } from '@/components/sidebar';

export const metadata: Metadata = {
  title: 'API reference',
  description:
    'The AeThex REST API: base URLs, authentication and scopes, headers, pagination, rate limits, idempotency, and every operation, webhook event and error code.',
};

/** The API reference overview, generated from the OpenAPI document. */
export default function Page() {
  return (
    <DocsShell>
      <OverviewView />
    </DocsShell>
  );
}
