import Link from 'next/link';

import type { ErrorHint } from '@/lib/console/errors';
import type { FailureExplanation } from '@/lib/console/failure';

/** The error table's label, hint and action for an error status, linking to its reference entry. */
export function ErrorHintBox({ hint }: { hint: ErrorHint }) {
  return (
    <div
      role="note"
      aria-label="What this error means"
      className="mt-3 rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-950 dark:border-red-900 dark:bg-red-950 dark:text-red-50"
    >
      <p className="font-semibold">
        {hint.status} {hint.label}
      </p>
      <p className="mt-1">{hint.hint}</p>
      <p className="mt-1">
        <span className="font-medium">What to do:</span> {hint.action}
      </p>
      <Link className="mt-1 inline-block font-medium underline" href={hint.href}>
        {hint.status} in the error reference
      </Link>
    </div>
  );
}

/** A request that got no response, explained in words with what to check. */
export function FailureNotice({ failure }: { failure: FailureExplanation }) {
  return (
    <div
      role="alert"
      className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-50"
    >
      <p className="font-semibold">No response: {failure.title}</p>
      <p className="mt-1">{failure.detail}</p>
      <ul className="mt-1 list-disc pl-5">
        {failure.checks.map((check) => (
          <li key={check}>{check}</li>
        ))}
      </ul>
    </div>
  );
}
