'use client';

import { selectedOperation, sendSelected, valuesOf } from '@/lib/console/actions';
import { pageOf, readPagination, type HeaderList } from '@/lib/console/headers';
import { valuesFromUrl } from '@/lib/console/request';

import { secondaryButtonClass } from './ui';
import { useConsole, useConsoleState } from './use-console';

const labels = { first: 'First page', prev: 'Previous page', next: 'Next page', last: 'Last page' } as const;

/** RFC 8288 Link as first/prev/next/last buttons that load that page (page/limit copied into the form), plus X-Total-Count. */
export function PaginationBar({ headers, url }: { headers: HeaderList; url: string }) {
  const { data, store } = useConsole();
  const sending = useConsoleState((s) => s.sending);
  const pagination = readPagination(headers, url);
  if (!pagination) return null;
  const current = pageOf(url) ?? 1;
  const last = pageOf(pagination.last);
  const go = (target: string) => {
    const state = store.getState();
    const operation = selectedOperation(state, data);
    void sendSelected(store, data, { override: valuesFromUrl(operation, valuesOf(state, operation), target) });
  };
  return (
    <nav aria-label="Pagination" className="mt-3 flex flex-wrap items-center gap-2 text-sm">
      {(['first', 'prev', 'next', 'last'] as const).map((rel) => {
        const target = pagination[rel];
        return (
          <button
            key={rel}
            type="button"
            className={secondaryButtonClass}
            aria-disabled={!target || sending}
            onClick={() => target && !sending && go(target)}
          >
            {labels[rel]}
          </button>
        );
      })}
      <span data-testid="page-info">
        Page {current}
        {last ? ` of ${last}` : ''}
        {pagination.total !== undefined ? ` · ${pagination.total} items (X-Total-Count)` : ''}
      </span>
    </nav>
  );
}
