'use client';

import { escapeUTF8 as escapeHtml } from 'entities/escape';
import { useEffect, useMemo, useState } from 'react';

import { CodeTabs, type CodeTab } from '@/components/code-tabs.client';
import { codeInputs, type CodeInputs } from '@/lib/console/code-for-request';
import type { LANGUAGES, sampleForRequest } from '@/lib/snippets/request-sample';

import { useConsole, useConsoleState } from './use-console';

type SnippetModule = { LANGUAGES: typeof LANGUAGES; sampleForRequest: typeof sampleForRequest };

const plain = (source: string) => `<pre><code>${escapeHtml(source)}</code></pre>`;

/**
 * "Code for this request": the request the console sends (lib/console/code-for-request.ts) in the six languages,
 * from lib/snippets (the reference's generator), fetched with import() when this panel first renders. The sandbox
 * app's credential is written in unless the reader chose placeholders (the marker above the tabs switches).
 */
export function SamplesPanel() {
  const { data } = useConsole();
  const state = useConsoleState((s) => s);
  const [snippets, setSnippets] = useState<SnippetModule>();
  useEffect(() => {
    void import('@/lib/snippets/request-sample').then((module) => setSnippets(module));
  }, []);
  const inputs = useMemo((): CodeInputs | { error: string } => {
    try {
      return codeInputs(state, data);
    } catch (error) {
      return { error: (error as Error).message };
    }
  }, [state, data]);
  const tabs = useMemo((): CodeTab[] => {
    if (!snippets || 'error' in inputs) return [];
    return snippets.LANGUAGES.map(({ id, label }) => {
      const source = snippets.sampleForRequest(inputs.request, id, inputs.placeholders);
      const filled = inputs.sandbox ? snippets.sampleForRequest(inputs.request, id, inputs.sandbox) : undefined;
      return {
        id,
        label,
        source,
        html: plain(source),
        ...(filled ? { filled: { source: filled, html: plain(filled) } } : {}),
      };
    });
  }, [snippets, inputs]);
  if ('error' in inputs)
    return (
      <p role="alert" className="text-sm text-red-700 dark:text-red-300">
        Cannot build the request: {inputs.error}
      </p>
    );
  return (
    <div className="text-sm">
      <p>
        The request as the console sends it, to <code className="break-all">{inputs.base}</code>.{' '}
        {inputs.sandbox
          ? 'With your sandbox app’s credential written in, it runs as pasted.'
          : 'Set the variable it names to your credential (AETHEX_TOKEN, or AETHEX_CLIENT_ID and AETHEX_CLIENT_SECRET); a production token is never written into code.'}
      </p>
      {tabs.length ? <CodeTabs tabs={tabs} /> : <p className="mt-2">Generating samples…</p>}
    </div>
  );
}
