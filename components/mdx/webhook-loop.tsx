import { webhookLoopTabs } from '@/components/sample-tabs';
import { siteUrl } from '@/lib/site';

import { WebhookLoopBlocks } from './webhook-loop.client';

/**
 * `<WebhookLoop event="member.invited" />`: the two commands of the webhook loop for one event
 * (lib/snippets/webhook-loop.ts, the same text the console and the Markdown twin show): forward the app's deliveries
 * to a receiver on port 4242, then trigger the event. Filled with the tab's sandbox app like every sample (base URL
 * and personal access token); with placeholders, against this portal's sandbox and reading `AETHEX_TOKEN`.
 * @param props.event a documented webhook event
 */
export async function WebhookLoop({ event }: { event: string }) {
  return <WebhookLoopBlocks blocks={await webhookLoopTabs(event)} origin={siteUrl()} />;
}
