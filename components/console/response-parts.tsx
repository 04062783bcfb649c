import { memo, useMemo } from 'react';

import type { HeaderList } from '@/lib/console/headers';
import { tokenizeJson, type JsonTokenKind } from '@/lib/console/json-tokens';

const tokenClass: Record<JsonTokenKind, string> = {
  key: 'text-indigo-800 dark:text-indigo-300',
  string: 'text-green-800 dark:text-green-300',
  number: 'text-amber-800 dark:text-amber-300',
  literal: 'text-fuchsia-800 dark:text-fuchsia-300',
  punctuation: 'text-zinc-600 dark:text-zinc-400',
  plain: '',
};

/**
 * Text coloured by a tiny JSON tokenizer (no highlighter shipped to the browser). Memoised: the viewer re-renders
 * on "Show all" and the head's thousands of spans need not be compared again.
 */
export const HighlightedJson = memo(function HighlightedJson({ text }: { text: string }) {
  const tokens = useMemo(() => tokenizeJson(text), [text]);
  return tokens.map((token, i) =>
    token.kind === 'plain' ? (
      token.text
    ) : (
      <span key={i} className={tokenClass[token.kind]}>
        {token.text}
      </span>
    ),
  );
});

/** Every response header the browser exposes, in a table (a focusable region: keyboard users can scroll it). */
export function HeadersTable({ headers }: { headers: HeaderList }) {
  return (
    <div className="mt-3 overflow-x-auto" role="region" aria-label="Response headers" tabIndex={0}>
      <table className="w-full text-left text-xs">
        <caption className="text-left text-sm font-medium">Response headers ({headers.length})</caption>
        <thead>
          <tr className="border-b border-zinc-200 dark:border-zinc-800">
            <th scope="col" className="py-1 pr-3">
              Name
            </th>
            <th scope="col" className="py-1">
              Value
            </th>
          </tr>
        </thead>
        <tbody>
          {headers.map(([name, value]) => (
            <tr key={name} className="border-b border-zinc-100 align-top dark:border-zinc-900">
              <th
                scope="row"
                className="py-1 pr-3 font-mono font-normal break-all sm:break-normal sm:whitespace-nowrap"
              >
                {name}
              </th>
              <td className="py-1 font-mono break-all">{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
