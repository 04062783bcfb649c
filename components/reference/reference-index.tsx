import Link from 'next/link';

import { MethodBadge } from '@/components/method-badge';
import { listErrors, listOperations, listWebhooks } from '@/lib/openapi';
import { errorHref, operationHref, webhookHref } from '@/lib/urls';

const link = 'text-indigo-700 underline dark:text-indigo-300';

/** Index of every operation (method, path, summary). */
export function OperationIndex() {
  return (
    <ul className="divide-y divide-zinc-200 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
      {listOperations().map((operation) => (
        <li key={operation.operationId} className="flex flex-wrap items-center gap-3 p-3 text-sm">
          <MethodBadge method={operation.method} />
          <Link href={operationHref(operation.operationId)} className={`${link} font-mono break-all`}>
            {operation.path}
          </Link>
          <span className="text-zinc-700 dark:text-zinc-300">{operation.summary}</span>
        </li>
      ))}
    </ul>
  );
}

/** Index of every webhook event with its one-line summary. */
export function WebhookIndex() {
  return (
    <ul className="space-y-2 text-sm">
      {listWebhooks().map((webhook) => (
        <li key={webhook.event}>
          <Link href={webhookHref(webhook.event)} className={`${link} font-mono`}>
            {webhook.event}
          </Link>
          <span className="text-zinc-700 dark:text-zinc-300"> — {webhook.summary}</span>
        </li>
      ))}
    </ul>
  );
}

/** Index of every error code with its label. */
export function ErrorIndex() {
  return (
    <ul className="grid gap-1 text-sm sm:grid-cols-2">
      {listErrors().map((error) => (
        <li key={error.status}>
          <Link href={errorHref(error.status)} className={link}>
            <span className="font-mono">{error.status}</span> {error.label}
          </Link>
        </li>
      ))}
    </ul>
  );
}
