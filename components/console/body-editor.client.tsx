'use client';

import type { ConsoleBody } from '@/lib/console/types';

import { inputClass } from './ui';
import { useConsoleState } from './use-console';

/**
 * The JSON body editor, prefilled with the document's example (choose another example to replace the text);
 * schema problems found before sending are listed under it and linked with aria-describedby.
 */
export function BodyEditor({
  body,
  value,
  onChange,
}: {
  body: ConsoleBody;
  value: string;
  onChange: (value: string) => void;
}) {
  const problems = useConsoleState((s) => s.bodyProblems);
  return (
    <div className="text-sm">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <label htmlFor="body-editor" className="font-medium">
          Request body{' '}
          <span className="text-xs font-normal text-zinc-600 dark:text-zinc-400">
            ({body.mediaType}
            {body.mediaType === 'application/json' ? '' : ', written as a JSON object of fields'})
          </span>
        </label>
        {body.examples.length > 1 ? (
          <label className="text-xs">
            Example{' '}
            <select
              className="rounded border border-zinc-300 bg-white px-1 py-0.5 dark:border-zinc-600 dark:bg-zinc-900"
              onChange={(e) => onChange(body.examples.find((x) => x.name === e.target.value)?.json ?? value)}
            >
              {body.examples.map((example) => (
                <option key={example.name} value={example.name}>
                  {example.summary}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      <textarea
        id="body-editor"
        className={`${inputClass} mt-1 min-h-40 font-mono text-xs`}
        spellCheck={false}
        value={value}
        aria-invalid={problems.length > 0}
        aria-describedby={problems.length ? 'body-problems' : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {problems.length ? (
        <ul id="body-problems" className="mt-1 list-disc pl-5 text-red-700 dark:text-red-300">
          {problems.map((p) => (
            <li key={`${p.field}${p.message}`}>
              <code>{p.field || '(body)'}</code> {p.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
