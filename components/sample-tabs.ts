/**
 * Server-side builders of CodeTabs' data: highlighted placeholder samples and, for generated samples, their filled
 * variant (lib/snippets/fill.ts) highlighted the same way, so the browser only swaps sentinels for values.
 */
import { highlight } from '@/lib/highlight';
import { LANGUAGES, sampleForOperation } from '@/lib/snippets';
import { FILL_SENTINELS } from '@/lib/snippets/fill';
import type { SampleOptions } from '@/lib/snippets/types';
import { listenCommand, LOOP_TITLES, triggerCommand, type LoopOptions } from '@/lib/snippets/webhook-loop';
import { webhookVerifySnippets } from '@/lib/snippets/webhook-verify';

import type { CodeTab } from './code-tabs.client';

/** The SampleOptions of every filled variant: each literal value a sentinel. */
export const FILL_OPTIONS: SampleOptions = {
  baseUrl: FILL_SENTINELS.baseUrl,
  token: FILL_SENTINELS.token,
  clientId: FILL_SENTINELS.clientId,
  clientSecret: FILL_SENTINELS.clientSecret,
  webhookSecret: FILL_SENTINELS.webhookSecret,
};

/** One tab's source: `code` (placeholders) and optionally `filled` (the same sample with FILL_OPTIONS). */
export type TabSource = { id: string; code: string; lang: string; filled?: string };

/**
 * Highlights each sample (and its filled variant) and labels it with the sample language's label.
 * @param samples `{ id, code, lang, filled? }` per tab, id one of lib/snippets LANGUAGES (unknown ids keep their id as label)
 */
export async function toCodeTabs(samples: readonly TabSource[]): Promise<CodeTab[]> {
  return Promise.all(
    samples.map(async (sample) => {
      const [html, filledHtml] = await Promise.all([
        highlight(sample.code, sample.lang),
        sample.filled === undefined ? undefined : highlight(sample.filled, sample.lang),
      ]);
      return {
        id: sample.id,
        label: LANGUAGES.find((language) => language.id === sample.id)?.label ?? sample.id,
        html,
        source: sample.code,
        ...(filledHtml !== undefined && sample.filled !== undefined
          ? { filled: { html: filledHtml, source: sample.filled } }
          : {}),
      };
    }),
  );
}

/** An operation's six samples with their filled variants. @throws Error for an unknown operationId */
export function operationTabs(operationId: string): Promise<CodeTab[]> {
  return toCodeTabs(
    LANGUAGES.map(({ id, shiki }) => ({
      id,
      code: sampleForOperation(operationId, id),
      lang: shiki,
      filled: sampleForOperation(operationId, id, FILL_OPTIONS),
    })),
  );
}

/** The webhook receivers (lib/snippets/webhook-verify.ts) with their filled variants. */
export function webhookVerifyTabs(): Promise<CodeTab[]> {
  const filled = webhookVerifySnippets(FILL_OPTIONS);
  return toCodeTabs(
    webhookVerifySnippets().map((s, i) => ({ id: s.id, code: s.code, lang: s.lang, filled: filled[i]?.code })),
  );
}

/** The sandbox mounted in the portal, with the origin sentinel (PORTAL_URL on the server, the page's origin in the browser). */
const PORTAL_SANDBOX = `${FILL_SENTINELS.origin}/sandbox`;

/**
 * The webhook loop's two commands for `event` (lib/snippets/webhook-loop.ts) as titled blocks: `listen` (forward the
 * app's deliveries to port 4242) and `trigger`. The placeholder variant targets this portal's sandbox and reads
 * AETHEX_TOKEN; the filled one carries the sandbox app's base URL and personal access token, like every sample.
 */
export function webhookLoopTabs(event: string): Promise<CodeTab[]> {
  const blocks: [string, string, (o: LoopOptions) => string][] = [
    ['listen', LOOP_TITLES.listen, listenCommand],
    ['trigger', LOOP_TITLES.trigger(event), (o) => triggerCommand(event, o)],
  ];
  const filledWith: LoopOptions = { baseUrl: FILL_SENTINELS.baseUrl, token: FILL_SENTINELS.token };
  return Promise.all(
    blocks.map(async ([id, label, command]) => {
      const source = command({ baseUrl: PORTAL_SANDBOX });
      const filled = command(filledWith);
      const [html, filledHtml] = await Promise.all([highlight(source, 'bash'), highlight(filled, 'bash')]);
      return { id, label, html, source, filled: { html: filledHtml, source: filled } };
    }),
  );
}
