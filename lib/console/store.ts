/**
 * The console's one state store: a tiny external store read with React's `useSyncExternalStore`.
 * It lives at module scope, so it survives client-side navigation (the OAuth callback hands a
 * token to it and soft-navigates back to /console) but not a reload: tokens and secrets are memory-only.
 */
import type { SandboxApp } from '../sandbox-session';
import type { FailureExplanation } from './failure';
import type { LookupResult } from './lookup';
import type { TokenRecord } from './oauth';
import type { BuiltRequest, FormValues } from './request';
import type { BodyProblem } from './schema';
import type { ConsoleResponse } from './send';

export type { SandboxApp };

/** Which API the console talks to. */
export type TargetKind = 'sandbox' | 'production' | 'custom';

/** One sent request, secrets redacted, as kept in sessionStorage. */
export interface HistoryEntry {
  readonly id: string;
  /** Epoch milliseconds when it was sent. */
  readonly at: number;
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  /** HTTP status, or null when no response arrived. */
  readonly status: number | null;
  readonly requestId?: string;
  readonly durationMs?: number;
  readonly values: FormValues;
}

/** The last send's outcome. `request` holds the real Authorization header (memory only). */
export interface LastResult {
  readonly operationId: string;
  readonly request: BuiltRequest;
  readonly response?: ConsoleResponse;
  readonly failure?: FailureExplanation;
}

/** Everything the console shows. */
export interface ConsoleState {
  readonly target: TargetKind;
  readonly customUrl: string;
  readonly environment: string;
  readonly app?: SandboxApp;
  readonly token?: TokenRecord;
  readonly operationId: string;
  /** Form values per operationId, so switching operations keeps what was typed. */
  readonly values: Readonly<Record<string, FormValues>>;
  readonly bodyProblems: readonly BodyProblem[];
  readonly sending: boolean;
  readonly result?: LastResult;
  readonly history: readonly HistoryEntry[];
  /** A short status line for screen readers and the auth panel (errors included). */
  readonly notice?: { readonly kind: 'info' | 'error'; readonly text: string };
  /** The request ID being looked up in the sandbox's request log, and the outcome once it arrived. */
  readonly lookup?: { readonly requestId: string; readonly result?: LookupResult };
}

/** A minimal external store (subscribe / getState / setState), compatible with `useSyncExternalStore`. */
export interface Store<T> {
  getState(): T;
  setState(update: (state: T) => T): void;
  subscribe(listener: () => void): () => void;
}

/** Creates a store holding `initial`. Listeners run synchronously after each change. */
export function createStore<T>(initial: T): Store<T> {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    getState: () => state,
    setState(update) {
      const next = update(state);
      if (next === state) return;
      state = next;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The state a fresh console starts from. */
export function initialState(environment: string, operationId: string): ConsoleState {
  return {
    target: 'sandbox',
    customUrl: '',
    environment,
    operationId,
    values: {},
    bodyProblems: [],
    sending: false,
    history: [],
  };
}

let shared: Store<ConsoleState> | undefined;

/**
 * The page's console store, created on first use with `init()`; later calls return the same store
 * (so a token handed over by the OAuth callback is still there when /console renders again).
 */
export function consoleStore(init: () => ConsoleState): Store<ConsoleState> {
  shared ??= createStore(init());
  return shared;
}
