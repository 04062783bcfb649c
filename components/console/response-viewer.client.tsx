'use client';

import { errorHint, statusMeaning } from '@/lib/console/errors';
import { headerValue, isReplayed } from '@/lib/console/headers';

import { PaginationBar } from './pagination-bar.client';
import { RateLimitMeter } from './rate-limit-meter.client';
import { RequestIdChip } from './request-id-chip.client';
import { ResponseBody } from './response-body.client';
import { ErrorHintBox, FailureNotice } from './response-notes';
import { HeadersTable } from './response-parts';
import { Panel } from './ui';
import { useConsole, useConsoleState } from './use-console';

/** The response: status and meaning, time, size; the headers that matter; error hint; body; every header. */
export function ResponseViewer() {
  const { data } = useConsole();
  const result = useConsoleState((s) => s.result);
  if (!result)
    return (
      <Panel id="response" title="Response">
        <p className="text-sm text-zinc-700 dark:text-zinc-300">
          Send a request to see its status, headers and body here.
        </p>
      </Panel>
    );
  if (result.failure)
    return (
      <Panel id="response" title="Response">
        <FailureNotice failure={result.failure} />
      </Panel>
    );
  const response = result.response;
  if (!response) return null;
  const operation = data.operations.find((op) => op.operationId === result.operationId);
  const hint = errorHint(response.status, data.errors);
  const requestId = headerValue(response.headers, 'X-Request-ID');
  const ok = response.status < 400;
  return (
    <Panel id="response" title="Response">
      <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm" data-testid="response-status">
        <span
          className={`rounded px-2 py-0.5 font-mono font-semibold ${ok ? 'bg-green-100 text-green-900 dark:bg-green-950 dark:text-green-100' : 'bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-100'}`}
        >
          {response.status}
        </span>
        <span>{statusMeaning(response.status, operation, data.errors)}</span>
        <span className="text-zinc-600 dark:text-zinc-400">
          {response.durationMs} ms · {response.sizeBytes.toLocaleString('en')} bytes
        </span>
        {isReplayed(response.headers) ? (
          <span className="rounded bg-amber-100 px-2 py-0.5 font-medium text-amber-900 dark:bg-amber-950 dark:text-amber-100">
            Replayed (Idempotent-Replayed: true)
          </span>
        ) : null}
      </p>
      {hint ? <ErrorHintBox hint={hint} /> : null}
      <div className="mt-3 grid gap-3 md:grid-cols-2">
        <RateLimitMeter headers={response.headers} receivedAt={response.receivedAt} status={response.status} />
        {requestId ? <RequestIdChip requestId={requestId} /> : null}
      </div>
      <PaginationBar headers={response.headers} url={response.url} />
      <ResponseBody
        key={response.receivedAt}
        body={response.body}
        contentType={headerValue(response.headers, 'Content-Type')}
      />
      <HeadersTable headers={response.headers} />
    </Panel>
  );
}
