/**
 * Server-side builders of CodeTabs' data: highlighted placeholder samples and, for generated samples, their filled
 * variant (lib/snippets/fill.ts) highlighted the same way, so the browser only swaps sentinels for values.
 */
import { highlight } from '@/lib/highlight';
import { LANGUAGES, sampleForOperation } from '@/lib/snippets';
import { FILL_SENTINELS } from '@/lib/snippets/fill';
import type { SampleOptions } from '@/lib/snippets/types';
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
