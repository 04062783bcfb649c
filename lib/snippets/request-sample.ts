/**
 * The browser-safe half of lib/snippets: the six languages and "code for this exact request".
 * It imports no document reader (no node:fs), so the console can load it with `import()` when its
 * samples panel opens; lib/snippets/index.ts re-exports everything here.
 */
import { planForRequest } from './plan-request';
import { curl } from './targets/curl';
import { go } from './targets/go';
import { java } from './targets/java';
import { javascript } from './targets/javascript';
import { python } from './targets/python';
import { ruby } from './targets/ruby';
import type { Language, LanguageId, SampleOptions, SamplePlan, SampleRequest } from './types';

/** The six sample languages in tab order (the console and code tabs show them so); `shiki` is the highlighter's language. */
export const LANGUAGES: readonly Language[] = [
  { id: 'curl', label: 'cURL', shiki: 'bash' },
  { id: 'javascript', label: 'JavaScript', shiki: 'javascript' },
  { id: 'python', label: 'Python', shiki: 'python' },
  { id: 'go', label: 'Go', shiki: 'go' },
  { id: 'java', label: 'Java', shiki: 'java' },
  { id: 'ruby', label: 'Ruby', shiki: 'ruby' },
];

const TARGETS: Record<LanguageId, (plan: SamplePlan) => string> = { curl, javascript, python, go, java, ruby };

/**
 * The renderer of one language.
 * @throws Error for an unknown language id
 */
export function target(lang: string): (plan: SamplePlan) => string {
  const render = TARGETS[lang as LanguageId];
  if (!render)
    throw new Error(`snippets: unknown language "${lang}"; use one of ${LANGUAGES.map((l) => l.id).join(', ')}`);
  return render;
}

/**
 * The sample that repeats one concrete request (the console's "code for this request"): same method,
 * path, query, headers and body bytes. The bearer token is read from AETHEX_TOKEN unless
 * `options.includeToken` embeds it; an Idempotency-Key is generated per run (or AETHEX_IDEMPOTENCY_KEY).
 * @throws Error for an unknown language
 */
export function sampleForRequest(request: SampleRequest, lang: string, options?: SampleOptions): string {
  return target(lang)(planForRequest(request, options));
}
