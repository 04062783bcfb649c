import type { Metadata } from 'next';

import { Description } from '@/components/reference/description';
import { WebhookIndex } from '@/components/reference/reference-index';
import { DocsShell } from '@/components/sidebar';
import { overviewSections } from '@/lib/reference/overview';

export const metadata: Metadata = {
  title: 'Webhook events',
  description: 'Every event AeThex delivers to your webhook endpoint, signed per Standard Webhooks.',
};

/** The list of webhook events, with the document's notes on signing. */
export default function Page() {
  const signing = overviewSections().sections.find((section) => section.slug === 'webhook-signing');
  return (
    <DocsShell>
      <article className="max-w-4xl space-y-6">
        <h1 className="text-3xl font-bold tracking-tight">Webhook events</h1>
        <WebhookIndex />
        <h2 className="text-xl font-semibold tracking-tight">Signing</h2>
        <Description text={signing?.body} />
      </article>
    </DocsShell>
  );
}
