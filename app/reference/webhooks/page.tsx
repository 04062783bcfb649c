import type { Metadata } from 'next';

import { PageMenu } from '@/components/page-menu';
import { Description } from '@/components/reference/description';
import { WebhookIndex } from '@/components/reference/reference-index';
import { DocsShell } from '@/components/sidebar';
import { markdownAlternate, PAGE_META } from '@/lib/page-meta';
import { overviewSections } from '@/lib/reference/overview';
import { PATHS } from '@/lib/urls';

export const metadata: Metadata = { ...PAGE_META.webhooks, ...markdownAlternate(PATHS.webhooks) };

/** The list of webhook events, with the document's notes on signing. */
export default function Page() {
  const signing = overviewSections().sections.find((section) => section.slug === 'webhook-signing');
  return (
    <DocsShell>
      <article className="max-w-4xl space-y-6">
        <h1 className="text-3xl font-bold tracking-tight">Webhook events</h1>
        <PageMenu href={PATHS.webhooks} />
        <WebhookIndex />
        <h2 className="text-xl font-semibold tracking-tight">Signing</h2>
        <Description text={signing?.body} />
      </article>
    </DocsShell>
  );
}
