'use client';

import { inputClass } from './ui';
import { useConsole, useConsoleState } from './use-console';

/** Chooses the operation; keeps `?operation=` in the address bar in step (replaceState, no navigation). */
export function OperationPicker() {
  const { data, store } = useConsole();
  const operationId = useConsoleState((s) => s.operationId);
  return (
    <label className="block text-sm">
      <span className="font-medium">Operation</span>
      <select
        className={`${inputClass} mt-1 font-mono`}
        value={operationId}
        onChange={(e) => {
          const next = e.target.value;
          store.setState((s) => ({ ...s, operationId: next, bodyProblems: [] }));
          const url = new URL(window.location.href);
          url.searchParams.set('operation', next);
          window.history.replaceState(window.history.state, '', url);
        }}
      >
        {data.operations.map((op) => (
          <option key={op.operationId} value={op.operationId}>
            {op.method} {op.path} — {op.operationId}
          </option>
        ))}
      </select>
    </label>
  );
}
