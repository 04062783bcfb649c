'use client';

import type { TargetKind } from '@/lib/console/store';

import { inputClass, Panel } from './ui';
import { useConsole, useConsoleState } from './use-console';

/** Target chooser: built-in sandbox (default), production, or a custom base URL; plus the environment header. */
export function TargetChooser() {
  const { data, store } = useConsole();
  const target = useConsoleState((s) => s.target);
  const customUrl = useConsoleState((s) => s.customUrl);
  const environment = useConsoleState((s) => s.environment);
  const options: { kind: TargetKind; label: string; detail: string }[] = [
    { kind: 'sandbox', label: 'Sandbox', detail: `built into this portal (${data.servers.sandbox})` },
    { kind: 'production', label: 'Production', detail: data.servers.production },
    { kind: 'custom', label: 'Custom base URL', detail: 'e.g. a standalone sandbox on http://localhost:4010' },
  ];
  const set = (patch: Partial<{ target: TargetKind; customUrl: string; environment: string }>) =>
    store.setState((s) => ({ ...s, ...patch }));
  return (
    <Panel id="target" title="Target">
      <fieldset>
        <legend className="sr-only">API target</legend>
        <div className="flex flex-col gap-1.5">
          {options.map((option) => (
            <label key={option.kind} className="flex items-baseline gap-2 text-sm">
              <input
                type="radio"
                name="target"
                value={option.kind}
                checked={target === option.kind}
                onChange={() => set({ target: option.kind })}
              />
              <span className="font-medium">{option.label}</span>
              <span className="text-zinc-600 dark:text-zinc-400">{option.detail}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {target === 'custom' ? (
        <label className="mt-3 block text-sm">
          <span className="font-medium">Base URL</span>
          <input
            className={`${inputClass} mt-1 font-mono`}
            type="url"
            value={customUrl}
            placeholder="http://localhost:4010/sandbox"
            onChange={(e) => set({ customUrl: e.target.value })}
          />
        </label>
      ) : null}
      <label className="mt-3 block text-sm">
        <span className="font-medium">{data.environmentHeader}</span>
        <select
          className={`${inputClass} mt-1`}
          value={environment}
          onChange={(e) => set({ environment: e.target.value })}
        >
          {data.environments.values.map((value) => (
            <option key={value} value={value}>
              {value}
              {value === data.environments.default ? ' (default)' : ''}
            </option>
          ))}
        </select>
      </label>
    </Panel>
  );
}
