'use client';

import type MiniSearch from 'minisearch';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useId, useRef, useState } from 'react';

import { INDEX_OPTIONS, type SearchDoc, type SearchHit } from '@/lib/search/options';
import { runQuery } from '@/lib/search/query';
import { PATHS } from '@/lib/urls';

const KIND_LABEL: Record<SearchHit['kind'], string> = {
  guide: 'Guide',
  section: 'Section',
  operation: 'Operation',
  webhook: 'Webhook',
  error: 'Error',
  field: 'Field',
};

let loading: Promise<MiniSearch<SearchDoc>> | undefined;
/** Fetches the static index and MiniSearch itself on first use only (keeps both out of first-visit JS). */
function loadIndex(): Promise<MiniSearch<SearchDoc>> {
  loading ??= Promise.all([import('minisearch'), fetch(PATHS.searchIndex).then((r) => r.text())]).then(
    ([{ default: Search }, json]) => Search.loadJSON<SearchDoc>(json, INDEX_OPTIONS),
  );
  loading.catch(() => (loading = undefined));
  return loading;
}

function typing(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

/**
 * Site search: a header button plus a modal dialog opened by ⌘K / Ctrl+K or `/` anywhere.
 * WAI-ARIA APG combobox with a listbox popup: arrows move, Enter opens, Escape closes; the native
 * modal `<dialog>` traps focus, and focus returns to where it was on close.
 */
export function SearchDialog() {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const opener = useRef<Element | null>(null);
  const [index, setIndex] = useState<MiniSearch<SearchDoc>>();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [failed, setFailed] = useState(false);
  const id = useId();
  const hits = index ? runQuery(index, query) : [];

  const open = useCallback(() => {
    if (dialog.current?.open) return;
    opener.current = document.activeElement;
    dialog.current?.showModal();
    input.current?.select();
    loadIndex().then(setIndex, () => setFailed(true));
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const combo = (event.metaKey || event.ctrlKey) && event.key.toLowerCase() === 'k';
      if (combo || (event.key === '/' && !typing(event.target))) {
        event.preventDefault();
        // Captured at window and stopped: the Scalar explorer binds Ctrl/⌘+K too, and two stacked search boxes confuse.
        event.stopPropagation();
        open();
      }
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [open]);

  function close() {
    dialog.current?.close();
  }

  function go(hit: SearchHit | undefined) {
    if (!hit) return;
    opener.current = null; // focus goes to the new page, not back to the button
    close();
    router.push(hit.url);
  }

  function onKeyDown(event: React.KeyboardEvent) {
    const last = hits.length - 1;
    const moves: Record<string, number> = {
      ArrowDown: active >= last ? 0 : active + 1,
      ArrowUp: active <= 0 ? last : active - 1,
      Home: 0,
      End: last,
    };
    if (event.key in moves && hits.length > 0) {
      event.preventDefault();
      setActive(moves[event.key] ?? 0);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      close();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      go(hits[active]);
    }
  }

  return (
    <>
      <button
        type="button"
        onClick={open}
        aria-keyshortcuts="Control+K Meta+K /"
        className="inline-flex h-9 items-center gap-2 rounded-md border border-zinc-300 px-2.5 text-sm text-zinc-700 hover:bg-zinc-100 dark:border-zinc-700 dark:text-zinc-300 dark:hover:bg-zinc-800"
      >
        <svg
          aria-hidden="true"
          viewBox="0 0 24 24"
          className="h-4 w-4"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
        >
          <circle cx="11" cy="11" r="7" />
          <path d="m20 20-3.5-3.5" />
        </svg>
        <span className="sr-only sm:not-sr-only">Search</span>
        <kbd
          aria-hidden="true"
          className="hidden rounded border border-zinc-300 px-1 font-mono text-[0.7rem] md:inline dark:border-zinc-600"
        >
          Ctrl K
        </kbd>
      </button>
      <dialog
        ref={dialog}
        aria-label="Search the documentation"
        onClose={() => {
          setQuery('');
          setActive(0);
          if (opener.current instanceof HTMLElement) opener.current.focus();
        }}
        onClick={(event) => event.target === dialog.current && close()}
        className="mx-auto mt-[10vh] w-[min(40rem,calc(100%-2rem))] rounded-xl border border-zinc-200 bg-white p-0 text-zinc-900 shadow-2xl backdrop:bg-zinc-950/50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
      >
        <div className="border-b border-zinc-200 p-3 dark:border-zinc-700">
          <input
            ref={input}
            type="text"
            role="combobox"
            aria-label="Search guides, operations, webhooks, errors and fields"
            aria-expanded={hits.length > 0}
            aria-controls={`${id}-list`}
            aria-autocomplete="list"
            aria-activedescendant={hits[active] ? `${id}-${active}` : undefined}
            placeholder="Search: 429, listProjects, member.invited…"
            value={query}
            onChange={(event) => {
              setQuery(event.target.value);
              setActive(0);
            }}
            onKeyDown={onKeyDown}
            className="w-full rounded-md bg-transparent px-2 py-1.5 text-base outline-none focus-visible:outline-2"
          />
        </div>
        <ul id={`${id}-list`} role="listbox" aria-label="Results" className="max-h-[60vh] overflow-y-auto p-2">
          {hits.map((hit, i) => (
            <li
              key={hit.id}
              id={`${id}-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseMove={() => setActive(i)}
              onClick={() => go(hit)}
              className="flex cursor-pointer items-baseline gap-3 rounded-md px-3 py-2 aria-selected:bg-indigo-50 dark:aria-selected:bg-indigo-950"
            >
              <span className="w-20 shrink-0 text-xs font-medium text-zinc-600 uppercase dark:text-zinc-400">
                {KIND_LABEL[hit.kind]}
              </span>
              <span className="min-w-0">
                <span className="block truncate font-medium">{hit.title}</span>
                <span className="block truncate text-xs text-zinc-600 dark:text-zinc-400">{hit.section}</span>
              </span>
            </li>
          ))}
        </ul>
        <p role="status" className="px-5 pb-3 text-xs text-zinc-600 dark:text-zinc-400">
          {failed
            ? 'The search index could not be loaded.'
            : !index
              ? 'Loading…'
              : query.trim()
                ? `${hits.length} results`
                : 'Type to search. ↑↓ to move, Enter to open, Esc to close.'}
        </p>
      </dialog>
    </>
  );
}
