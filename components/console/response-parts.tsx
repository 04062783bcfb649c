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

/** The body, pretty-printed and coloured by a tiny JSON tokenizer (no highlighter shipped to the browser). */
export function JsonBody({ text }: { text: string }) {
  return (
    <figure className="mt-3">
      <figcaption className="text-sm font-medium">Body</figcaption>
      <pre
        tabIndex={0}
        aria-label="Response body"
        className="mt-1 max-h-96 overflow-auto rounded-lg bg-zinc-50 p-3 font-mono text-xs leading-5 dark:bg-zinc-900"
      >
        {text === '' ? (
          <span className="text-zinc-600 dark:text-zinc-400">(empty body)</span>
        ) : (
          tokenizeJson(text).map((token, i) =>
            token.kind === 'plain' ? (
              token.text
            ) : (
              <span key={i} className={tokenClass[token.kind]}>
                {token.text}
              </span>
            ),
          )
        )}
      </pre>
    </figure>
  );
}

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
              <th scope="row" className="py-1 pr-3 font-mono font-normal">
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
