import type { ApiError } from '@/lib/openapi';
import { toJsonText } from '@/lib/reference/examples';
import { errorAnchor } from '@/lib/urls';

import { CodeExample } from './code-example';

/**
 * One error code on the errors page, anchored by its status (`id="429"`, linked as `/reference/errors#429`):
 * label, hint, when it happens, what a client should do, and the document's example problem body.
 * @param props.error the error-table row
 * @param props.example the example problem body (RFC 9457), if the document has one
 * @param props.retryAfter whether responses with this status carry `Retry-After`
 */
export function ErrorEntry({ error, example, retryAfter }: { error: ApiError; example: unknown; retryAfter: boolean }) {
  return (
    <section
      aria-labelledby={String(error.status)}
      className="space-y-3 border-t border-zinc-200 pt-8 dark:border-zinc-800"
    >
      <h2 id={errorAnchor(error.status)} className="scroll-mt-20 text-xl font-semibold tracking-tight">
        <span className="font-mono">{error.status}</span> {error.label}
      </h2>
      <p className="text-zinc-800 dark:text-zinc-200">{error.hint}</p>
      <dl className="grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[9rem_1fr]">
        <dt className="font-medium">When it happens</dt>
        <dd className="text-zinc-700 dark:text-zinc-300">{error.when}</dd>
        <dt className="font-medium">What to do</dt>
        <dd className="text-zinc-700 dark:text-zinc-300">{error.action}</dd>
        <dt className="font-medium">Retry</dt>
        <dd className="text-zinc-700 dark:text-zinc-300">
          {retryAfter
            ? 'Yes, after waiting at least the Retry-After header’s number of seconds; then back off exponentially with jitter.'
            : error.retryable
              ? 'Yes, after a short delay.'
              : 'No: the same request fails the same way until it is changed.'}
        </dd>
      </dl>
      {example === undefined ? null : (
        <CodeExample code={toJsonText(example)} lang="json" label={`Example ${error.status} problem body`} />
      )}
    </section>
  );
}
