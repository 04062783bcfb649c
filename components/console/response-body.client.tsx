'use client';

import { useMemo, useState } from 'react';

import { CopyButton } from '@/components/copy-button.client';
import { downloadBody } from '@/lib/console/download';
import { prettyBody, splitForHighlight } from '@/lib/console/json-tokens';

import { HighlightedJson } from './response-parts';
import { secondaryButtonClass } from './ui';

/** Sized like the Copy button beside it. */
const smallButtonClass =
  'inline-flex items-center justify-center rounded-md border border-zinc-300 px-2 py-1 text-xs font-medium text-zinc-700 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 dark:border-zinc-600 dark:text-zinc-200 dark:hover:bg-zinc-800';

function size(chars: number): string {
  return chars < 1024 * 1024 ? `${Math.round(chars / 1024)} KB` : `${(chars / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * The response body, pretty-printed once per response (memoised, not on every render). Only the first 64 KiB is
 * coloured; the rest appears on demand as one plain text node (issue #18). Copy takes the whole pretty-printed
 * body, Download the body as received. The parent keys this by response, so "Show all" resets per response.
 */
export function ResponseBody({ body, contentType }: { body: string; contentType: string | undefined }) {
  const text = useMemo(() => prettyBody(body, contentType), [body, contentType]);
  const { head, rest } = useMemo(() => splitForHighlight(text), [text]);
  const [showAll, setShowAll] = useState(false);
  return (
    <figure className="mt-3 min-w-0">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <figcaption className="text-sm font-medium">Body</figcaption>
        {text === '' ? null : (
          <div className="flex flex-wrap gap-2">
            <CopyButton text={text} label="response body" />
            <button type="button" className={smallButtonClass} onClick={() => downloadBody(body, contentType)}>
              Download<span className="sr-only"> body</span>
            </button>
          </div>
        )}
      </div>
      <pre
        tabIndex={0}
        aria-label="Response body"
        className="mt-1 max-h-96 overflow-auto rounded-lg bg-zinc-50 p-3 font-mono text-xs leading-5 [contain:content] dark:bg-zinc-900"
      >
        {text === '' ? <span className="text-zinc-600 dark:text-zinc-400">(empty body)</span> : null}
        <HighlightedJson text={head} />
        {showAll ? rest : null}
      </pre>
      {rest && !showAll ? (
        <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-zinc-700 dark:text-zinc-300">
          Showing the first {size(head.length)} of {size(text.length)}.
          <button type="button" className={secondaryButtonClass} onClick={() => setShowAll(true)}>
            Show all ({size(rest.length)} more, plain text)
          </button>
        </p>
      ) : null}
    </figure>
  );
}
