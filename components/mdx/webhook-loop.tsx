import { highlight } from '@/lib/highlight';
import { siteUrl } from '@/lib/site';
import { FILL_SENTINELS } from '@/lib/snippets/fill';
import { listenCommand, triggerCommand } from '@/lib/snippets/webhook-loop';

import { TitledCode } from './titled-code.client';

/** The sandbox mounted in the portal, written with the origin sentinel (PORTAL_URL on the server, the page's origin once it runs). */
const PORTAL_SANDBOX = `${FILL_SENTINELS.origin}/sandbox`;

async function Block({ label, code }: { label: string; code: string }) {
  return <TitledCode title={label} html={await highlight(code, 'bash')} source={code} origin={siteUrl()} />;
}

/**
 * `<WebhookLoop event="member.invited" />`: the two commands of the webhook loop for one event, against this
 * portal's sandbox (lib/snippets/webhook-loop.ts, the same text the console and the Markdown twin show): forward the
 * app's deliveries to a receiver on port 4242, then trigger the event. Both read `AETHEX_TOKEN`.
 * @param props.event a documented webhook event
 */
export async function WebhookLoop({ event }: { event: string }) {
  const options = { baseUrl: PORTAL_SANDBOX };
  return (
    <div>
      <Block label="Forward deliveries to your machine" code={listenCommand(options)} />
      <Block label={`Trigger ${event}`} code={triggerCommand(event, options)} />
    </div>
  );
}
