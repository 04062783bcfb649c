'use client';

import { useState } from 'react';

import { acceptToken, currentBaseUrl } from '@/lib/console/actions';

import { buttonClass, inputClass, secondaryButtonClass } from './ui';
import { useConsole, useConsoleState } from './use-console';

/** Personal access token (`pat_…`): paste one, or use the sandbox app's. */
export function AuthPat() {
  const { data, store } = useConsole();
  const app = useConsoleState((s) => s.app);
  const [value, setValue] = useState('');
  const use = (token: string, scopes: readonly string[]) =>
    acceptToken(store, {
      accessToken: token.trim(),
      scopes,
      grant: 'personal_access_token',
      baseUrl: currentBaseUrl(store.getState(), data),
    });
  return (
    <form
      className="space-y-2"
      onSubmit={(event) => {
        event.preventDefault();
        use(value, []);
        setValue('');
      }}
    >
      <label className="block text-sm">
        <span className="font-medium">Personal access token</span>
        <input
          className={`${inputClass} mt-1 font-mono`}
          type="password"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          placeholder="pat_…"
          required
          autoComplete="off"
        />
      </label>
      <div className="flex flex-wrap gap-2">
        <button type="submit" className={buttonClass}>
          Use this token
        </button>
        {app ? (
          <button
            type="button"
            className={secondaryButtonClass}
            onClick={() => use(app.personal_access_token, app.scopes)}
          >
            Use the sandbox app&apos;s token
          </button>
        ) : null}
      </div>
    </form>
  );
}
