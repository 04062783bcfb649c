'use client';

import { HISTORY_KEY } from '@/lib/console/history';

import { LookUpButton } from './look-up-button.client';
import { Panel, secondaryButtonClass } from './ui';
import { useConsole, useConsoleState } from './use-console';

/** This tab's requests (newest first, secrets redacted, kept in sessionStorage); a click restores the form. */
export function HistoryPanel() {
  const { store } = useConsole();
  const history = useConsoleState((s) => s.history);
  return (
    <Panel
      id="history"
      title="History"
      actions={
        history.length ? (
          <button
            type="button"
            className={secondaryButtonClass}
            onClick={() => {
              sessionStorage.removeItem(HISTORY_KEY);
              store.setState((s) => ({ ...s, history: [] }));
            }}
          >
            Clear history
          </button>
        ) : null
      }
    >
      {history.length === 0 ? (
        <p className="text-sm text-zinc-700 dark:text-zinc-300">
          Requests you send appear here (kept for this tab only, secrets redacted).
        </p>
      ) : (
        <ol className="space-y-1 text-xs">
          {history.map((entry) => (
            <li key={entry.id} className="flex items-center gap-1">
              <button
                type="button"
                className="flex min-w-0 flex-1 flex-wrap items-center gap-2 rounded px-2 py-1 text-left font-mono hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-600 dark:hover:bg-zinc-800"
                aria-label={`Restore ${entry.method} ${entry.path} (${entry.status ?? 'no response'})`}
                onClick={() =>
                  store.setState((s) => ({
                    ...s,
                    operationId: entry.operationId,
                    values: { ...s.values, [entry.operationId]: entry.values },
                  }))
                }
              >
                <span className="font-semibold">{entry.method}</span>
                <span className="min-w-0 flex-1 truncate">{entry.path}</span>
                <span>{entry.status ?? '—'}</span>
                <span className="break-all text-zinc-600 dark:text-zinc-400">{entry.requestId ?? ''}</span>
                <time dateTime={new Date(entry.at).toISOString()} className="text-zinc-600 dark:text-zinc-400">
                  {new Date(entry.at).toLocaleTimeString()}
                </time>
              </button>
              {entry.requestId ? <LookUpButton requestId={entry.requestId} /> : null}
            </li>
          ))}
        </ol>
      )}
    </Panel>
  );
}
