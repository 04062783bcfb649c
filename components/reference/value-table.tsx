import type { ReactNode } from 'react';

/** `.ref-cell` lives in app/globals.css (shared with schema tables). */
const cell = 'ref-cell';

/**
 * A plain data table with a caption-like heading row, used for parameters, headers, scopes and servers.
 * @param props.columns column titles
 * @param props.rows one array of cells per row (same length as `columns`)
 * @param props.label accessible name of the table
 */
export function ValueTable({ columns, rows, label }: { columns: string[]; rows: ReactNode[][]; label: string }) {
  return (
    // A focusable, named region: a narrow pane may scroll the table sideways, and keyboard users must reach it.
    <div role="region" aria-label={label} tabIndex={0} className="overflow-x-auto">
      <table aria-label={label} className="w-full border-collapse text-left text-sm">
        <thead>
          <tr className="text-xs text-zinc-600 dark:text-zinc-400">
            {columns.map((column) => (
              <th key={column} scope="col" className={cell}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={index}>
              {row.map((value, column) => (
                <td key={column} className={`${cell} ${column === 0 ? 'font-mono text-xs break-all' : ''}`}>
                  {value}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
