/**
 * Every code sample on the site, generated from the OpenAPI document (lib/openapi/) with
 * @readme/httpsnippet 11.1.0 and fixed where its output is wrong (see ./README.md). Samples are
 * complete programs: they read AETHEX_BASE_URL (default https://api.aethex.dev) and AETHEX_TOKEN
 * (or AETHEX_CLIENT_ID / AETHEX_CLIENT_SECRET for the token endpoint) from the environment and
 * print the HTTP status, X-Request-ID, X-RateLimit-Remaining and the body.
 */
import { HTTP_METHODS, listOperations } from '@/lib/openapi';

import { planForOperation } from './plan';
import { LANGUAGES, target } from './request-sample';
import type { LanguageId } from './types';

export { LANGUAGES, sampleForRequest } from './request-sample';

export type { Language, LanguageId, SampleOptions, SampleRequest } from './types';

const cache = new Map<string, string>();

/**
 * The sample of an operation in one language, built from its documented examples (first request
 * body example, query and AeThex-Environment examples; path parameters from `AETHEX_<NAME>`,
 * e.g. AETHEX_PROJECT_ID, defaulting to the example).
 * @returns the program text, ending with a newline
 * @throws Error for an unknown operationId or language
 */
export function sampleForOperation(operationId: string, lang: string): string {
  const key = `${operationId}\0${lang}`;
  let sample = cache.get(key);
  if (sample === undefined) {
    sample = target(lang)(planForOperation(operationId));
    cache.set(key, sample);
  }
  return sample;
}

/** All six samples of an operation, by language id. @throws Error for an unknown operationId */
export function samplesForOperation(operationId: string): Record<LanguageId, string> {
  return Object.fromEntries(LANGUAGES.map(({ id }) => [id, sampleForOperation(operationId, id)])) as Record<
    LanguageId,
    string
  >;
}

/**
 * A copy of an OpenAPI document with `x-codeSamples` ([{lang, label, source}], the Redocly/Scalar
 * extension) set on every operation that has an operationId, so the explorer shows our samples.
 * @param document a mutable document such as `servedDocument()` (it is not modified)
 */
export function withCodeSamples<T extends Record<string, unknown>>(document: T): T {
  const copy = structuredClone(document);
  const known = new Set(listOperations().map((operation) => operation.operationId));
  for (const pathItem of Object.values((copy.paths ?? {}) as Record<string, Record<string, unknown>>)) {
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method] as Record<string, unknown> | undefined;
      const operationId = operation?.operationId;
      if (!operation || typeof operationId !== 'string' || !known.has(operationId)) continue;
      operation['x-codeSamples'] = LANGUAGES.map(({ id, label }) => ({
        lang: id,
        label,
        source: sampleForOperation(operationId, id),
      }));
    }
  }
  return copy;
}
