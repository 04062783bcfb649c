'use client';

import dynamic from 'next/dynamic';
import { Suspense, useCallback, useEffect, useMemo, useRef } from 'react';

import { acceptToken, syncSandboxSession } from '@/lib/console/actions';
import { loadHistory } from '@/lib/console/history';
import { CALLBACK_MESSAGE, completeAuthorization, describeOAuthError } from '@/lib/console/oauth';
import { consoleStore, initialState } from '@/lib/console/store';
import type { ConsoleData } from '@/lib/console/types';
import { readSandboxSession, subscribeSandboxSession } from '@/lib/sandbox-session';

import { AuthPanel } from './auth-panel.client';
import { HistoryPanel } from './history-panel.client';
import { LazyPanel, Notice } from './lazy-panel.client';
import { OperationFromQuery } from './operation-from-query.client';
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
const WebhooksPanel = dynamic(() => import('./webhooks/webhooks-panel.client').then((m) => m.WebhooksPanel), {
  ssr: false,
  loading: () => <p>Loading…</p>,
});

/**
 * The console's client root: one store (module scope), `?operation=` preselection (OperationFromQuery), the popup
 * OAuth hand-off, and the panels. Prerendered into the page's static HTML.
 */
export function ConsoleApp({ data }: { data: ConsoleData }) {
  const store = useMemo(
    () =>
      consoleStore(() =>
        initialState(data.environments.default, data.operations.find((op) => op.method === 'GET')?.operationId ?? ''),
      ),
    [data],
  );
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    store.setState((s) => (s.history.length ? s : { ...s, history: loadHistory(sessionStorage) }));
    // The tab's sandbox app (sessionStorage) survives reloads and other pages; a production token does not.
    syncSandboxSession(store, readSandboxSession());
    const unsubscribe = subscribeSandboxSession(() => syncSandboxSession(store, readSandboxSession()));
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
  // Marks hydration done and `?operation=` applied (tests wait for it before clicking).
  const markReady = useCallback(() => root.current?.setAttribute('data-ready', 'true'), []);
  const context = useMemo(() => ({ data, store }), [data, store]);
  return (
    <ConsoleContext.Provider value={context}>
      <Suspense fallback={null}>
        <OperationFromQuery onReady={markReady} />
      </Suspense>
      {/* One minmax(0,1fr) column on phones (an implicit auto column grows to its widest child: issue #18's 1,168 px
          page); long tokens, URLs and IDs break rather than push the page wider. */}
      <div className="grid grid-cols-1 gap-4 break-words lg:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]" ref={root}>
        <div className="min-w-0 space-y-4">
          <TargetChooser />
          <AuthPanel />
          <SandboxControls />
        </div>
        <div className="min-w-0 space-y-4">
          <Notice />
          <RequestForm />
          <ResponseViewer />
          <LazyPanel id="samples" title="Code for this request">
            {() => <SamplesPanel />}
          </LazyPanel>
          <LazyPanel id="webhooks" title="Webhooks">
            {() => <WebhooksPanel />}
          </LazyPanel>
          <HistoryPanel />
          <RequestLookup />
        </div>
      </div>
    </ConsoleContext.Provider>
  );
}
