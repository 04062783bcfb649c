import { CodeTabs } from '@/components/code-tabs.client';
import { WEBHOOK_VERIFY_SNIPPETS } from '@/lib/snippets/webhook-verify';

import { toCodeTabs } from './tabs';

/**
 * The webhook verification programs of lib/snippets/webhook-verify.ts (one per sample language)
 * as language tabs synced with the rest of the site. The same strings are what the sample runner executes.
 */
export async function WebhookVerifySamples() {
  const tabs = await toCodeTabs(WEBHOOK_VERIFY_SNIPPETS.map((s) => ({ id: s.id, code: s.code, lang: s.lang })));
  return <CodeTabs tabs={tabs} title="Verify a delivery" />;
}
