import { useCallback, useEffect, useMemo, useReducer, useState } from 'react';

import { currentBaseUrl } from '@/lib/console/actions';
import { webhookAccess, type WebhookAccess } from '@/lib/console/webhooks/access';
import { ApiProblem, listEndpoints, listMessages, type WebhookApiContext } from '@/lib/console/webhooks/api';
import { emptyInbox, inboxReducer, type InboxAction, type InboxState } from '@/lib/console/webhooks/inbox';
import { runInboxStream } from '@/lib/console/webhooks/stream';
import type { WebhookEndpoint } from '@/lib/console/webhooks/types';

import { useConsole, useConsoleState } from '../use-console';

/** The panel's access (lib/console/webhooks/access.ts) for the console's current target and credentials. */
export function useWebhookAccess(): WebhookAccess {
  const { data } = useConsole();
  const state = useConsoleState((s) => s);
  return useMemo(() => {
    let base: string | undefined;
    try {
      base = currentBaseUrl(state, data);
    } catch {
      base = undefined;
    }
    return webhookAccess(state, base);
  }, [state, data]);
}

/** The API context of an access (fetch bound to window), undefined without access. */
export function useApiContext(access: WebhookAccess): WebhookApiContext | undefined {
  const base = access.ok ? access.base : undefined;
  const bearer = access.ok ? access.bearer : undefined;
  return useMemo(
    () => (base && bearer ? { base, bearer, fetch: window.fetch.bind(window) } : undefined),
    [base, bearer],
  );
}

/**
 * The live inbox: the first page of messages, then the inbox stream (reconnecting until the panel unmounts or the
 * credential changes). @returns the state and its dispatch (the trigger adds the deliveries it created at once)
 */
export function useInbox(ctx: WebhookApiContext | undefined): [InboxState, (action: InboxAction) => void] {
  const [state, dispatch] = useReducer(inboxReducer, emptyInbox);
  useEffect(() => {
    if (!ctx) return;
    const controller = new AbortController();
    listMessages(ctx)
      .then((messages) => dispatch({ type: 'loaded', messages }))
      .catch((error: unknown) => {
        const text = error instanceof ApiProblem ? error.message : 'The inbox could not be loaded.';
        dispatch({ type: 'connection', connection: 'reconnecting', error: text });
      });
    void runInboxStream(
      {
        ...ctx,
        onDelivery: (delivery) => dispatch({ type: 'delivery', delivery }),
        onConnection: (connection, error) => dispatch({ type: 'connection', connection, ...(error ? { error } : {}) }),
      },
      controller.signal,
    );
    return () => controller.abort();
  }, [ctx]);
  return [state, dispatch];
}

/** The app's endpoints, reloaded on demand; `error` says in words why the list could not be read. */
export function useEndpoints(ctx: WebhookApiContext | undefined) {
  const [endpoints, setEndpoints] = useState<readonly WebhookEndpoint[]>([]);
  const [error, setError] = useState<string>();
  const read = useCallback(
    (): Promise<void> =>
      ctx
        ? listEndpoints(ctx).then(
            (list) => {
              setEndpoints(list);
              setError(undefined);
            },
            (problem: unknown) => setError((problem as Error).message),
          )
        : Promise.resolve(),
    [ctx],
  );
  useEffect(() => {
    let current = true;
    if (ctx)
      listEndpoints(ctx).then(
        (list) => current && setEndpoints(list),
        (problem: unknown) => current && setError((problem as Error).message),
      );
    return () => {
      current = false;
    };
  }, [ctx]);
  return { endpoints, error, reload: read };
}
