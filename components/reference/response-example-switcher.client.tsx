'use client';

import { useId, useState } from 'react';

import { CopyButton } from '@/components/copy-button.client';

/** One choice: `html` is the server-highlighted headers and body, `body` the exact text copied. */
export type ResponseChoice = {
  id: string;
  status: string;
  label: string;
  success: boolean;
  html: string;
  body: string;
};

/**
 * The response example of an operation's side panel: a labelled `<select>` over every documented status and
 * named example, the status shown as a coloured chip, a copy button for the body, and the chosen example's
 * headers and body. Every choice is in the server HTML; only the chosen one is displayed (`hidden` on the rest),
 * so without JavaScript the first success example shows.
 * @param props.choices the examples in document order (lib/reference/response-examples.ts), at least one
 * @param props.initial the id shown first (the first 2xx example)
 */
export function ResponseExampleSwitcher({ choices, initial }: { choices: readonly ResponseChoice[]; initial: string }) {
  const selectId = useId();
  const [selected, select] = useState(initial);
  const current = choices.find((choice) => choice.id === selected) ?? choices[0];
  return (
    <section
      aria-label="Response example"
      data-response-example
      className="overflow-hidden rounded-lg border border-zinc-200 dark:border-zinc-700"
    >
      <div className="flex items-center gap-2 border-b border-zinc-200 bg-zinc-50 px-2 py-1.5 dark:border-zinc-700 dark:bg-zinc-900">
        <label htmlFor={selectId} className="px-1 text-sm font-semibold">
          Response
        </label>
        <span
          className={`font-mono text-xs font-semibold ${current?.success ? 'text-emerald-800 dark:text-emerald-300' : 'text-rose-800 dark:text-rose-300'}`}
          aria-hidden="true"
        >
          {current?.status}
        </span>
        <select
          id={selectId}
          value={current?.id}
          onChange={(event) => select(event.target.value)}
          className="min-h-7 min-w-0 flex-1 rounded-md border border-zinc-300 bg-white px-1.5 text-xs text-zinc-900 dark:border-zinc-600 dark:bg-zinc-950 dark:text-zinc-100"
        >
          {choices.map((choice) => (
            <option key={choice.id} value={choice.id}>
              {choice.status} · {choice.label}
            </option>
          ))}
        </select>
        {current?.body ? <CopyButton text={current.body} label={`${current.status} response body`} /> : null}
      </div>
      {choices.map((choice) => (
        <div
          key={choice.id}
          hidden={choice !== current}
          data-status={choice.status}
          className="text-sm [&_pre]:overflow-auto [&_pre]:p-3 [&_pre:last-child]:max-h-[26vh] [&_pre:not(:last-child)]:border-b [&_pre:not(:last-child)]:border-zinc-200 [&_pre:not(:last-child)]:text-xs dark:[&_pre:not(:last-child)]:border-zinc-700"
          dangerouslySetInnerHTML={{ __html: choice.html }}
        />
      ))}
    </section>
  );
}
