/**
 * Every code sample on the site, generated from the OpenAPI document (lib/openapi/) with
 * @readme/httpsnippet 11.1.0 and fixed where its output is wrong (see ./README.md). Samples are
 * complete programs: they read AETHEX_BASE_URL (default https://api.aethex.dev) and AETHEX_TOKEN
 * (or AETHEX_CLIENT_ID / AETHEX_CLIENT_SECRET for the token endpoint) from the environment and
 * print the HTTP status, X-Request-ID, X-RateLimit-Remaining and the body.
 */
import { listOperations } from '@/lib/openapi';

import { planForOperation } from './plan';
import { LANGUAGES, target } from './request-sample';
import type { LanguageId, SampleOptions } from './types';

export { LANGUAGES, sampleForRequest } from './request-sample';

export type { Language, LanguageId, SampleOptions, SampleRequest } from './types';

const cache = new Map<string, string>();

/**
 * The sample of an operation in one language, built from its documented examples (first request
 * body example, query and AeThex-Environment examples; path parameters from `AETHEX_<NAME>`,
 * e.g. AETHEX_PROJECT_ID, defaulting to the example). `options` writes the base URL and credentials given
 * literally instead of reading AETHEX_BASE_URL, AETHEX_TOKEN, AETHEX_CLIENT_ID, AETHEX_CLIENT_SECRET.
 * @returns the program text, ending with a newline
 * @throws Error for an unknown operationId or language
 */
export function sampleForOperation(operationId: string, lang: string, options: SampleOptions = {}): string {
  const key = `${operationId}\0${lang}\0${JSON.stringify(options)}`;
  let sample = cache.get(key);
  if (sample === undefined) {
    sample = target(lang)(planForOperation(operationId, options));
    cache.set(key, sample);
  }
  return sample;
}

/** All six samples of an operation, by language id (see sampleForOperation). @throws Error for an unknown operationId */
export function samplesForOperation(operationId: string, options: SampleOptions = {}): Record<LanguageId, string> {
  return Object.fromEntries(LANGUAGES.map(({ id }) => [id, sampleForOperation(operationId, id, options)])) as Record<
    LanguageId,
    string
  >;
}

/**
 * The `x-codeSamples` extension of one operation ([{lang, label, source}], the Redocly/Scalar convention), for
 * `servedDocument(codeSamplesExtension)`, so the explorer and downloaded documents show our samples.
 * @returns `{}` for an operationId the document lacks
 */
export function codeSamplesExtension(operationId: string): { 'x-codeSamples'?: CodeSample[] } {
  if (!listOperations().some((operation) => operation.operationId === operationId)) return {};
  return {
    'x-codeSamples': LANGUAGES.map(({ id, label }) => ({
      lang: id,
      label,
      source: sampleForOperation(operationId, id),
    })),
  };
}

/** One entry of `x-codeSamples`. */
export type CodeSample = { lang: string; label: string; source: string };
