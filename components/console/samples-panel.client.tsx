'use client';

import { escapeUTF8 as escapeHtml } from 'entities/escape';
import { useEffect, useMemo, useState } from 'react';

import { CodeTabs, type CodeTab } from '@/components/code-tabs.client';
import { authorizationFor, currentBaseUrl, selectedOperation, valuesOf } from '@/lib/console/actions';
import { buildRequest, type BuiltRequest } from '@/lib/console/request';
import type { LANGUAGES, sampleForRequest } from '@/lib/snippets/request-sample';

import { useConsole, useConsoleState } from './use-console';

type SnippetModule = { LANGUAGES: typeof LANGUAGES; sampleForRequest: typeof sampleForRequest };

/**
 * "Code for this exact request" (the form as it is now) in the six languages, from lib/snippets (the
 * reference's generator), fetched with import() when this panel first renders. The token stays
 * `$AETHEX_TOKEN` unless the user asks to include it.
 */
export function SamplesPanel() {
  const { data } = useConsole();
  const state = useConsoleState((s) => s);
  const [includeToken, setIncludeToken] = useState(false);
  const [snippets, setSnippets] = useState<SnippetModule>();
  useEffect(() => {
    void import('@/lib/snippets/request-sample').then((module) => setSnippets(module));
  }, []);
  const built = useMemo((): { base: string; request: BuiltRequest } | { error: string } => {
    try {
      const operation = selectedOperation(state, data);
      const base = currentBaseUrl(state, data);
      const context = {
        baseUrl: base,
        environmentHeader: data.environmentHeader,
        environment: state.environment,
        authorization: authorizationFor(state, operation),
      };
      return { base, request: buildRequest(operation, valuesOf(state, operation), context) };
    } catch (error) {
      return { error: (error as Error).message };
    }
  }, [state, data]);
  const tabs = useMemo((): CodeTab[] => {
    if (!snippets || 'error' in built) return [];
    const token = includeToken ? state.token?.accessToken : undefined;
    return snippets.LANGUAGES.map(({ id, label }) => {
      const source = snippets.sampleForRequest(built.request, id, token ? { includeToken: token } : {});
      return { id, label, source, html: `<pre><code>${escapeHtml(source)}</code></pre>` };
    });
  }, [snippets, built, includeToken, state.token]);
  if ('error' in built)
    return (
      <p role="alert" className="text-sm text-red-700 dark:text-red-300">
        Cannot build the request: {built.error}
      </p>
    );
  return (
    <div className="text-sm">
      <p>
        Run with <code>AETHEX_BASE_URL={built.base}</code>
        {includeToken ? '' : ' and AETHEX_TOKEN set to your token'}.
      </p>
      <label className="mt-1 flex items-center gap-2">
        <input
          type="checkbox"
          checked={includeToken}
          onChange={(e) => setIncludeToken(e.target.checked)}
          disabled={!state.token}
        />
        Include my access token in the code (keep such code private)
      </label>
      {tabs.length ? <CodeTabs tabs={tabs} /> : <p className="mt-2">Generating samples…</p>}
    </div>
  );
}
