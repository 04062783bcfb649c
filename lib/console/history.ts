/**
 * The session's request history: newest first, capped, secrets redacted, kept in sessionStorage
 * (per tab, gone when the tab closes) so a reload keeps it but no other tab or site sees it.
 */
import { redactText } from './redact';
import type { FormValues } from './request';
import type { HistoryEntry } from './store';

/** sessionStorage key of the history. */
export const HISTORY_KEY = 'aethex-console:history';

/** How many entries are kept. */
export const HISTORY_LIMIT = 50;

/** `values` with every secret-looking string redacted (parameters and body). */
function redactValues(values: FormValues): FormValues {
  return {
    params: Object.fromEntries(Object.entries(values.params).map(([key, value]) => [key, redactText(value)])),
    body: redactText(values.body),
  };
}

/** Adds `entry` (redacted) at the front, keeping at most `HISTORY_LIMIT` entries. */
export function addToHistory(history: readonly HistoryEntry[], entry: HistoryEntry): HistoryEntry[] {
  return [{ ...entry, path: redactText(entry.path), values: redactValues(entry.values) }, ...history].slice(
    0,
    HISTORY_LIMIT,
  );
}

/** Reads the stored history; anything unreadable yields `[]`. */
export function loadHistory(storage: Pick<Storage, 'getItem'>): HistoryEntry[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(HISTORY_KEY) ?? '[]');
    return Array.isArray(parsed) ? (parsed as HistoryEntry[]).slice(0, HISTORY_LIMIT) : [];
  } catch {
    return [];
  }
}

/** Writes the history (already redacted by `addToHistory`). Storage errors (quota, disabled) are ignored. */
export function saveHistory(storage: Pick<Storage, 'setItem'>, history: readonly HistoryEntry[]): void {
  try {
    storage.setItem(HISTORY_KEY, JSON.stringify(history));
  } catch {
    // History is a convenience; a full or disabled sessionStorage must not break sending.
  }
}
