/**
 * The Markdown twins of the webhook pages, from the one API model: the index of events with the document's notes
 * on signing, and each event's page — when it fires, its delivery headers, its payload fields, an example delivery
 * and how to verify its Standard Webhooks signature.
 */
import type { Root, RootContent } from 'mdast';

import { getOperation, type Webhook } from '../openapi';
import type { PageMeta } from '../page-meta';
import { exampleDeliveryHttp } from '../reference/examples';
import { overviewSections } from '../reference/overview';
import { describeSchema } from '../reference/schema';
import { guideHref, operationHref, PATHS } from '../urls';
import { absoluteLinks, codeBlock, heading, paragraph } from './blocks';
import { describeCell, fieldTable } from './field-rows';
import { inlineCode, link, table, text } from './mdast';
import { webhookEventTable } from './reference-tables';
import { parseBlocks } from './render';

/** The operation that checks a delivery for you; left out if the document drops it (as the HTML page does). */
const VERIFY_OPERATION_ID = 'verifyWebhook';

/** The document's `## Webhook signing` section of `info.description`, as blocks. */
function signingBlocks(): RootContent[] {
  const signing = overviewSections().sections.find((section) => section.slug === 'webhook-signing');
  return parseBlocks(signing?.body ?? '');
}

/**
 * The Markdown tree of `/reference/webhooks`: every event linking to its page, then how deliveries are signed.
 * @param meta the page's title and one-line description
 * @returns an mdast root whose links are absolute on the site origin
 */
export function webhookIndexTree({ title, description }: PageMeta): Root {
  return absoluteLinks({
    type: 'root',
    children: [
      heading(1, title),
      paragraph(text(description)),
      webhookEventTable(),
      heading(2, 'Signing'),
      ...signingBlocks(),
    ],
  });
}

/**
 * The Markdown tree of one webhook event's page.
 * @param webhook an event of the document's `webhooks` section
 * @returns an mdast root whose links are absolute on the site origin
 */
export function webhookTree(webhook: Webhook): Root {
  const payload = fieldTable(webhook.payloadSchema);
  const verify = getOperation(VERIFY_OPERATION_ID);
  return absoluteLinks({
    type: 'root',
    children: [
      heading(1, webhook.event),
      paragraph(text(webhook.summary)),
      ...parseBlocks(webhook.description),
      paragraph(text('Webhook event, delivered as '), inlineCode('POST'), text(' with a JSON body to your endpoint.')),
      heading(2, 'Delivery headers'),
      table(
        ['Header', 'Type', 'Required', 'Description'],
        webhook.headers.map((header) => [
          [inlineCode(header.name)],
          [text(describeSchema(header.schema).label)],
          [text(header.required ? 'yes' : 'no')],
          describeCell(describeSchema(header.schema), header.description ?? ''),
        ]),
      ),
      heading(2, 'Payload'),
      ...(payload ? [payload] : [paragraph(text('No fields.'))]),
      heading(2, 'Example delivery'),
      paragraph(text('Shown formatted; the body is sent as one line of JSON and signed byte for byte.')),
      codeBlock('http', exampleDeliveryHttp(webhook).shown),
      heading(2, 'Verify the signature'),
      ...signingBlocks(),
      paragraph(
        text('Step by step, with code in six languages: the '),
        link(guideHref('webhooks'), text('webhooks guide')),
        ...(verify
          ? [
              text('. To check a delivery against your secret without writing code, call '),
              link(operationHref(verify.operationId), inlineCode(`${verify.method} ${verify.path}`)),
            ]
          : []),
        text('. Every event: '),
        link(PATHS.webhooks, text('webhook events')),
        text('.'),
      ),
    ],
  });
}
