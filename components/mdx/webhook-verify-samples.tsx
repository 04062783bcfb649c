import { CodeTabs } from '@/components/code-tabs.client';
import { webhookVerifyTabs } from '@/components/sample-tabs';

/**
 * The webhook verification programs of lib/snippets/webhook-verify.ts (one per sample language)
 * as language tabs synced with the rest of the site, filled with the tab's sandbox app's signing secret when it has
 * one. The same strings are what the sample runner executes.
 */
export async function WebhookVerifySamples() {
  return <CodeTabs tabs={await webhookVerifyTabs()} title="Verify a delivery" />;
}
