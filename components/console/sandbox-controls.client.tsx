'use client';

import { useState } from 'react';

import { sandboxControl } from '@/lib/console/actions';
import { hasSandboxTools } from '@/lib/console/target';

import { inputClass, secondaryButtonClass } from './ui';
import { useConsole, useConsoleState } from './use-console';

/** Sandbox-only switches (lib/sandbox/README.md): lower the tenant's rate limit, toggle maintenance (503). */
export function SandboxControls() {
  const { data, store } = useConsole();
  const target = useConsoleState((s) => s.target);
  const canAct = useConsoleState((s) => Boolean(s.token ?? s.app));
  const [limit, setLimit] = useState('3');
  const [windowSeconds, setWindowSeconds] = useState('60');
  if (!hasSandboxTools(target)) return null;
  return (
    <details className="mt-3 rounded-lg border border-zinc-200 p-3 text-sm dark:border-zinc-800">
      <summary className="cursor-pointer font-medium">Sandbox controls (try 429 and 503)</summary>
      <div className="mt-2 flex flex-wrap items-end gap-2">
        <label>
          Limit{' '}
          <input
            className={`${inputClass} w-20`}
            type="number"
            min={1}
            value={limit}
            onChange={(e) => setLimit(e.target.value)}
          />
        </label>
        <label>
          Window (s){' '}
          <input
            className={`${inputClass} w-20`}
            type="number"
            min={1}
            value={windowSeconds}
            onChange={(e) => setWindowSeconds(e.target.value)}
          />
        </label>
        <button
          type="button"
          className={secondaryButtonClass}
          disabled={!canAct}
          onClick={() =>
            void sandboxControl(store, data, 'rate-limit', {
              limit: Number(limit),
              window_seconds: Number(windowSeconds),
            })
          }
        >
          Set rate limit
        </button>
      </div>
      <div className="mt-2 flex flex-wrap gap-2">
        <button
          type="button"
          className={secondaryButtonClass}
          disabled={!canAct}
          onClick={() => void sandboxControl(store, data, 'maintenance', { enabled: true, retry_after: 30 })}
        >
          Start maintenance
        </button>
        <button
          type="button"
          className={secondaryButtonClass}
          disabled={!canAct}
          onClick={() => void sandboxControl(store, data, 'maintenance', { enabled: false })}
        >
          End maintenance
        </button>
      </div>
      {canAct ? null : (
        <p className="mt-1 text-xs">Create a sandbox app or get a token first: the controls act on that tenant.</p>
      )}
    </details>
  );
}
