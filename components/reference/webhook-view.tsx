import Link from 'next/link';

import { CopyButton } from '@/components/copy-button.client';
import { WebhookVerifySamples } from '@/components/mdx/webhook-verify-samples';
import { getOperation, type Webhook } from '@/lib/openapi';
import { exampleDelivery } from '@/lib/reference/examples';
import { overviewSections } from '@/lib/reference/overview';
import { guideHref, operationHref } from '@/lib/urls';

import { CodeExample } from './code-example';
import { Description } from './description';
import { ParametersTable } from './parameters-table';
import { SchemaView } from './schema-table';
import { Section } from './section';
import { TwoPane } from './two-pane';

/** The operation that verifies a delivery for you (the sandbox's `verifyWebhook`); omitted if the document drops it. */
const VERIFY_OPERATION_ID = 'verifyWebhook';

/**
 * The reference page of one webhook event, in two panes: when it fires, its headers and payload schema and how to
 * verify its Standard Webhooks signature on the left; an example delivery as your endpoint receives it and the
 * verifying code in six languages on the right.
 * @param props.webhook an event of the document's `webhooks` section
 */
export function WebhookView({ webhook }: { webhook: Webhook }) {
  const delivery = exampleDelivery(webhook);
  const http = [
    'POST /your-webhook-endpoint HTTP/1.1',
    'Content-Type: application/json',
    ...delivery.headers.map(([name, value]) => `${name}: ${value}`),
    '',
    delivery.body,
  ].join('\n');
  const signing = overviewSections().sections.find((section) => section.slug === 'webhook-signing');
  const verify = getOperation(VERIFY_OPERATION_ID);
  return (
    <TwoPane
      intro={
        <>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">Webhook event</p>
          <h1 className="mt-1 font-mono text-3xl font-bold tracking-tight break-all">{webhook.event}</h1>
          <p className="mt-4 font-medium">{webhook.summary}</p>
          <Description text={webhook.description} className="mt-2" />
        </>
      }
      panel={
        <div className="flex flex-col gap-4 [&_.code-panel_pre]:max-h-[34vh] [&_.code-tabs]:my-0 [&_pre]:max-h-[34vh]">
          {/* The body is one line as sent (and signed); wrapping it only on screen keeps it readable in the panel. */}
          <div className="[&_pre]:break-all [&_pre]:whitespace-pre-wrap">
            <div className="mb-1 flex items-center justify-between">
              <p className="text-sm font-semibold">Example delivery</p>
              <CopyButton text={http} label="example delivery" />
            </div>
            <CodeExample code={http} lang="http" label={`Example ${webhook.event} delivery`} />
          </div>
          <WebhookVerifySamples />
        </div>
      }
      panelLabel="Example delivery and verifying code"
    >
      <Section id="headers" title="Delivery headers">
        <ParametersTable parameters={webhook.headers} anchors={{ in: 'param' }} />
      </Section>
      <Section id="payload" title="Payload">
        <SchemaView schema={webhook.payloadSchema} anchors={{ in: 'body' }} />
      </Section>
      <Section id="verify" title="Verify the signature">
        <Description text={signing?.body} />
        <p className="text-sm">
          Step by step, with code: the{' '}
          <Link href={guideHref('webhooks')} className="text-indigo-700 underline dark:text-indigo-300">
            webhooks guide
          </Link>
          {verify ? (
            <>
              . To check a delivery against your secret without writing code, call{' '}
              <Link
                href={operationHref(verify.operationId)}
                className="font-mono text-indigo-700 underline dark:text-indigo-300"
              >
                {verify.method} {verify.path}
              </Link>
            </>
          ) : null}
          .
        </p>
      </Section>
    </TwoPane>
  );
}
