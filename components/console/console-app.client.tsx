'use client';

import dynamic from 'next/dynamic';
import { useSearchParams } from 'next/navigation';
import { useEffect, useMemo, useRef } from 'react';

import { acceptToken, syncSandboxSession } from '@/lib/console/actions';
import { loadHistory } from '@/lib/console/history';
import { CALLBACK_MESSAGE, completeAuthorization, describeOAuthError } from '@/lib/console/oauth';
import { consoleStore, initialState } from '@/lib/console/store';
import type { ConsoleData } from '@/lib/console/types';
import { readSandboxSession, subscribeSandboxSession } from '@/lib/sandbox-session';

import { AuthPanel } from './auth-panel.client';
import { HistoryPanel } from './history-panel.client';
import { LazyPanel, Notice } from './lazy-panel.client';
import { RequestForm } from './request-form.client';
import { RequestLookup } from './request-lookup.client';
import { ResponseViewer } from './response-viewer.client';
import { SandboxControls } from './sandbox-controls.client';
import { TargetChooser } from './target-chooser.client';
import { ConsoleContext } from './use-console';

/** Code-split: loaded only when their panel is opened. */
const SamplesPanel = dynamic(() => import('./samples-panel.client').then((m) => m.SamplesPanel), {
  ssr: false,
  loading: () => <p>Loading…</p>,
});
const WebhookPlayground = dynamic(() => import('./webhook-playground.client').then((m) => m.WebhookPlayground), {
  ssr: false,
  loading: () => <p>Loading…</p>,
});

/**
 * The console's client root: one store (module scope), `?operation=` preselection, the popup OAuth
 * hand-off, and the panels. Rendered inside a Suspense boundary because it reads useSearchParams.
 */
export function ConsoleApp({ data }: { data: ConsoleData }) {
  const requested = useSearchParams().get('operation');
  const store = useMemo(
    () =>
      consoleStore(() =>
        initialState(data.environments.default, data.operations.find((op) => op.method === 'GET')?.operationId ?? ''),
      ),
    [data],
  );
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
  }, [store, data, requested]);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    store.setState((s) => (s.history.length ? s : { ...s, history: loadHistory(sessionStorage) }));
    // The tab's sandbox app (sessionStorage) survives reloads and other pages; a production token does not.
    syncSandboxSession(store, readSandboxSession());
    const unsubscribe = subscribeSandboxSession(() => syncSandboxSession(store, readSandboxSession()));
    // Marks hydration done (tests wait for it before clicking).
    root.current?.setAttribute('data-ready', 'true');
    const onMessage = (event: MessageEvent) => {
      if (
        event.origin !== window.location.origin ||
        event.data?.type !== CALLBACK_MESSAGE ||
        typeof event.data.url !== 'string'
      )
        return;
      completeAuthorization(event.data.url, sessionStorage)
        .then((token) => acceptToken(store, token))
        .catch(async (error: unknown) => {
          const text = `Authorization failed: ${await describeOAuthError(error)}`;
          store.setState((s) => ({ ...s, notice: { kind: 'error', text } }));
        });
    };
    window.addEventListener('message', onMessage);
    return () => {
      window.removeEventListener('message', onMessage);
      unsubscribe();
    };
  }, [store]);
  const context = useMemo(() => ({ data, store }), [data, store]);
  return (
    <ConsoleContext.Provider value={context}>
      <div className="grid gap-4 lg:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]" ref={root}>
        <div className="space-y-4">
          <TargetChooser />
          <AuthPanel />
          <SandboxControls />
        </div>
        <div className="space-y-4">
          <Notice />
          <RequestForm />
          <ResponseViewer />
          <LazyPanel id="samples" title="Code for this request">
            {() => <SamplesPanel />}
          </LazyPanel>
          <LazyPanel id="webhooks" title="Webhook playground">
            {() => <WebhookPlayground />}
          </LazyPanel>
          <HistoryPanel />
          <RequestLookup />
        </div>
      </div>
    </ConsoleContext.Provider>
  );
}
