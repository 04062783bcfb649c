import { createContext, useContext, useEffect, useState, useSyncExternalStore } from 'react';

import type { ConsoleState, Store } from '@/lib/console/store';
import type { ConsoleData } from '@/lib/console/types';

/** The document-derived data and the store, provided once by the console app. */
export const ConsoleContext = createContext<{ data: ConsoleData; store: Store<ConsoleState> } | null>(null);

/** The console's data and store. @throws Error outside `ConsoleContext`. */
export function useConsole() {
  const value = useContext(ConsoleContext);
  if (!value) throw new Error('useConsole() used outside the console');
  return value;
}

/**
 * A slice of the console state; re-renders only when the selected value changes (Object.is).
 * Select stable references or primitives: a selector returning a fresh object every call loops.
 */
export function useConsoleState<T>(select: (state: ConsoleState) => T): T {
  const { store } = useConsole();
  return useSyncExternalStore(
    store.subscribe,
    () => select(store.getState()),
    () => select(store.getState()),
  );
}

/** The wall clock in epoch milliseconds, refreshed every `intervalMs` (for countdowns). */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
