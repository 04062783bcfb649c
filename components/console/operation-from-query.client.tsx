'use client';

import { useSearchParams } from 'next/navigation';
import { useEffect } from 'react';

import { useConsole } from './use-console';

/**
 * Applies `?operation=` to the store, then calls `onReady`. It is the console's only reader of useSearchParams and
 * sits in a Suspense boundary of its own: around the whole app, that hook left only a fallback in the static HTML,
 * and the console replacing it after hydration shifted the page (Lighthouse CLS 0.12 on /console).
 */
export function OperationFromQuery({ onReady }: { onReady: () => void }) {
  const requested = useSearchParams().get('operation');
  const { data, store } = useConsole();
  useEffect(() => {
    // ?operation= wins when it names an operation; a store made by the OAuth callback gets its defaults here.
    const valid = data.operations.some((op) => op.operationId === requested);
    store.setState((s) => {
      const operationId =
        valid && requested
          ? requested
          : s.operationId || (data.operations.find((op) => op.method === 'GET')?.operationId ?? '');
      const environment = s.environment || data.environments.default;
      return operationId === s.operationId && environment === s.environment ? s : { ...s, operationId, environment };
    });
    onReady();
  }, [store, data, requested, onReady]);
  return null;
}
