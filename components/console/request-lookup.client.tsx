'use client';

import { lookUpRequestId } from '@/lib/console/actions';
import { hasSandboxTools } from '@/lib/console/target';

import { ExchangeView } from './exchange-view';
import { buttonClass, inputClass, Panel } from './ui';
import { useConsole, useConsoleState } from './use-console';

/**
 * "Look up a request ID": any X-Request-ID the sandbox answered for this tab's sandbox app (a response, a history
 * entry, or one pasted from a log) → the logged exchange, secrets redacted.
 */
export function RequestLookup() {
  const { data, store } = useConsole();
  const lookup = useConsoleState((s) => s.lookup);
  const target = useConsoleState((s) => s.target);
  if (!hasSandboxTools(target)) return null;
  const result = lookup?.result;
  return (
    <Panel id="lookup" title="Look up a request ID">
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          const id = new FormData(event.currentTarget).get('requestId');
          void lookUpRequestId(store, data, typeof id === 'string' ? id : '');
        }}
      >
        <label className="min-w-0 flex-1 text-sm">
          <span className="font-medium">Request ID</span>
          <input
            className={`${inputClass} mt-1 font-mono`}
            name="requestId"
            // A lookup started elsewhere (history, response) shows its ID here.
            key={lookup?.requestId}
            defaultValue={lookup?.requestId ?? ''}
            placeholder="req_…"
            required
            autoComplete="off"
            spellCheck={false}
          />
        </label>
        <button type="submit" className={buttonClass}>
          Look up
        </button>
      </form>
      <div className="mt-3" aria-live="polite">
        {lookup && !result ? <p className="text-sm">Looking up {lookup.requestId}…</p> : null}
        {result && !result.ok ? (
          <p role="alert" className="text-sm font-medium text-red-700 dark:text-red-300">
            {result.status ? `${result.status}: ` : ''}
            {result.detail}
          </p>
        ) : null}
        {result?.ok ? <ExchangeView exchange={result.exchange} /> : null}
      </div>
    </Panel>
  );
}
