'use client';

import { writePlaceholderChoice, type SampleFill } from '@/lib/sandbox-session';

/** Tenant IDs are long: the first 8 characters name the app well enough in a narrow panel. */
const short = (tenantId: string) => (tenantId.length > 9 ? `${tenantId.slice(0, 8)}…` : tenantId);

/**
 * The line under a sample group's tabs while the tab has a sandbox app: which app the samples use, and a button
 * that switches every sample on the site between the app's values and placeholders (for this tab).
 * @param props.fill the app's values; @param props.placeholders true while the reader chose placeholders
 */
export function SampleFillMarker({ fill, placeholders }: { fill: SampleFill; placeholders: boolean }) {
  const app = short(fill.tenantId);
  const title = `Sandbox app ${fill.tenantId} at ${fill.baseUrl}. Bearer samples use its personal access token, which lives as long as the app (an access token expires after 3,600 s).`;
  return (
    <p
      data-sample-fill={placeholders ? 'placeholders' : 'filled'}
      className="flex flex-wrap items-center gap-x-1.5 border-b border-zinc-200 bg-emerald-50 px-3 py-1 text-xs text-zinc-800 dark:border-zinc-700 dark:bg-emerald-950 dark:text-zinc-100"
    >
      <span title={title}>
        {placeholders ? 'Placeholders shown' : 'Using your sandbox app'}{' '}
        {placeholders ? null : <code className="font-mono">{app}</code>}
        <span className="sr-only"> (tenant {fill.tenantId})</span>
      </span>
      <span aria-hidden="true">·</span>
      <button
        type="button"
        onClick={() => writePlaceholderChoice(!placeholders)}
        className="rounded-sm font-medium text-emerald-800 underline underline-offset-2 hover:text-emerald-950 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-emerald-700 dark:text-emerald-300 dark:hover:text-emerald-100 dark:focus-visible:outline-emerald-300"
      >
        {placeholders ? (
          <>
            Use my sandbox app <span className="font-mono">{app}</span>
          </>
        ) : (
          'Use placeholders'
        )}
      </button>
    </p>
  );
}
