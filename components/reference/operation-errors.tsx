import Link from 'next/link';

import type { OperationError } from '@/lib/openapi';
import { errorHref } from '@/lib/urls';

/**
 * The error statuses an operation can return, each linked to its entry on the errors page with the
 * label and hint from the error table of the operation's own document (`Operation.errors`: a status the
 * table lacks, or any status of a document without one, shows the status alone). Links are 24 px tall
 * (WCAG 2.2 target size).
 * @param props.errors the operation's `errors`, ascending by status
 */
export function OperationErrors({ errors }: { errors: readonly OperationError[] }) {
  return (
    <ul className="grid gap-2 sm:grid-cols-2">
      {errors.map(({ status, error }) => (
        <li key={status} className="rounded-md border border-zinc-200 p-3 text-sm dark:border-zinc-800">
          <Link
            href={errorHref(status)}
            className="inline-flex min-h-6 items-center font-medium text-indigo-700 underline dark:text-indigo-300"
          >
            {status} {error?.label ?? ''}
          </Link>
          {error ? <p className="mt-1 text-zinc-700 dark:text-zinc-300">{error.hint}</p> : null}
        </li>
      ))}
    </ul>
  );
}
