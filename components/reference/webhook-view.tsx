import Link from 'next/link';
import { Fragment } from 'react';

import { CopyButton } from '@/components/copy-button.client';
import { WebhookLoop } from '@/components/mdx/webhook-loop';
import { WebhookVerifySamples } from '@/components/mdx/webhook-verify-samples';
import { PageMenu } from '@/components/page-menu';
import { getOperation, type Webhook } from '@/lib/openapi';
import { exampleDeliveryHttp } from '@/lib/reference/examples';
import { overviewSections } from '@/lib/reference/overview';
import { guideHref, operationHref, PATHS, webhookHref } from '@/lib/urls';

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
  const { sent, shown } = exampleDeliveryHttp(webhook);
  const signing = overviewSections().sections.find((section) => section.slug === 'webhook-signing');
  const verify = getOperation(VERIFY_OPERATION_ID);
  return (
    <TwoPane
      intro={
        <>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">Webhook event</p>
          <h1 className="mt-1 font-mono text-3xl font-bold tracking-tight">
            {/* A phone breaks the name after a dot, never inside a word. */}
            {webhook.event.split('.').map((part, index) => (
              <Fragment key={index}>
                {index > 0 ? (
                  <>
                    .<wbr />
                  </>
                ) : null}
                {part}
              </Fragment>
            ))}
          </h1>
          <PageMenu href={webhookHref(webhook.event)} className="mt-3" />
          <p className="mt-4 font-medium">{webhook.summary}</p>
          <Description text={webhook.description} className="mt-2" />
        </>
      }
      panel={
        <div className="flex flex-col gap-4 [&_.code-panel_pre]:max-h-[34vh] [&_.code-tabs]:my-0 [&_pre]:max-h-[34vh]">
          <div>
            <div className="mb-1 flex items-center justify-between">
              <p className="text-sm font-semibold">Example delivery</p>
              <CopyButton text={sent} label="example delivery as sent" />
            </div>
            <CodeExample code={shown} lang="http" label={`Example ${webhook.event} delivery`} />
            {/* The signature covers the raw bytes: a reader who pastes the pretty form into a verifier must know. */}
            <p className="mt-1 text-xs text-zinc-700 dark:text-zinc-300">
              Shown formatted; the body is sent as one line of JSON and signed byte for byte. Copy copies it as sent.
            </p>
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
      <Section id="test" title="Test it end to end">
        <p className="text-sm">
          Start a receiver (the JavaScript, Python, Go, Java or Ruby tab of the verifying code beside the example; the
          cURL tab only asks the API to check one delivery) on port 4242 with your sandbox app&apos;s webhook secret (
          <code>whsec_…</code>: Reveal next to Webhook secret where the console shows your sandbox app). Then, in a
          clone of the portal, forward your app&apos;s deliveries to it and trigger this event: the receiver prints a
          line starting with <code>verified</code> and answers <code>204</code>, and the console&apos;s{' '}
          <Link href={`${PATHS.console}#webhooks`} className="text-indigo-700 underline dark:text-indigo-300">
            Webhooks panel
          </Link>{' '}
          shows the delivery, its attempts and its signature check live. Registering an endpoint, retries, replay and
          rotation:{' '}
          <Link
            href={`${guideHref('webhooks')}#test-the-whole-loop`}
            className="text-indigo-700 underline dark:text-indigo-300"
          >
            Test the whole loop
          </Link>
          .
        </p>
        <WebhookLoop event={webhook.event} />
      </Section>
    </TwoPane>
  );
}
