'use client';

import { CopyButton } from '@/components/copy-button.client';

import { LookUpButton } from './look-up-button.client';

/** The response's X-Request-ID, copyable, with the line on sharing it with support. */
export function RequestIdChip({ requestId }: { requestId: string }) {
  return (
    <div className="rounded-lg bg-zinc-50 p-3 text-sm dark:bg-zinc-900" aria-label="Request ID">
      <p className="flex flex-wrap items-center gap-2">
        <span className="font-medium">X-Request-ID</span>
        <code className="rounded bg-white px-1.5 py-0.5 break-all dark:bg-zinc-800" data-testid="request-id">
          {requestId}
        </code>
        <CopyButton text={requestId} label="request ID" />
        <LookUpButton requestId={requestId} />
      </p>
      <p className="mt-1 text-zinc-700 dark:text-zinc-300">
        Contacting support about this call? Include this request ID: it finds the request in our logs in seconds. In the
        sandbox, Look up shows the exchange as it was logged.
      </p>
    </div>
  );
}
