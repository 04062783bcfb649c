/**
 * The outside knowledge the Markdown twins need: the code samples of lib/snippets (six languages
 * per operation, the webhook verification programs) and the site's public origin.
 */
import { LANGUAGES, sampleForOperation } from '../snippets';
import { WEBHOOK_VERIFY_SNIPPETS } from '../snippets/webhook-verify';
import { absoluteUrl } from '../urls';
import type { MarkdownResolvers, MarkdownSample } from './mdx-to-markdown';

const label = (id: string) => LANGUAGES.find((language) => language.id === id)?.label ?? id;

/**
 * Resolvers for `guideMarkdown()`: samples from lib/snippets, absolute URLs on the site origin (lib/urls.ts).
 * @returns a `MarkdownResolvers` object (pure; safe to share)
 */
export function markdownResolvers(): MarkdownResolvers {
  return {
    operationSamples: (operationId): MarkdownSample[] =>
      LANGUAGES.map((language) => ({
        label: language.label,
        lang: language.shiki,
        code: sampleForOperation(operationId, language.id),
      })),
    webhookSamples: () =>
      WEBHOOK_VERIFY_SNIPPETS.map((s) => ({ label: `${label(s.id)} (${s.filename})`, lang: s.lang, code: s.code })),
    absolute: absoluteUrl,
  };
}
