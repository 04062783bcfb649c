import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { FieldLinks } from '@/components/reference/field-links.client';
import { WebhookView } from '@/components/reference/webhook-view';
import { DocsShell } from '@/components/sidebar';
import { listWebhooks } from '@/lib/openapi';
import { markdownAlternate } from '@/lib/page-meta';
import { webhookParams } from '@/lib/reference/routes';
import { webhookHref } from '@/lib/urls';

export const dynamicParams = false;

/** One page per webhook event of the OpenAPI document. */
export function generateStaticParams() {
  return webhookParams();
}

type Props = { params: Promise<{ event: string }> };

async function find(params: Props['params']) {
  const event = decodeURIComponent((await params).event);
  return listWebhooks().find((webhook) => webhook.event === event);
}

/** Title: the event name; description: when it fires. */
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const webhook = await find(params);
  return webhook
    ? {
        title: `${webhook.event} webhook`,
        description: webhook.summary,
        ...markdownAlternate(webhookHref(webhook.event)),
      }
    : {};
}

/** The reference page of one webhook event. */
export default async function Page({ params }: Props) {
  const webhook = await find(params);
  if (!webhook) notFound();
  return (
    <DocsShell>
      <WebhookView webhook={webhook} />
      <FieldLinks />
    </DocsShell>
  );
}
