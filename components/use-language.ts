import { useCallback, useSyncExternalStore } from 'react';

import { LANGUAGE_STORAGE_KEY } from '@/lib/code-language';

export { LANGUAGE_STORAGE_KEY };
/** Same-page event: `storage` only fires in *other* documents, so tab groups on this page listen to this. */
const LANGUAGE_CHANGE_EVENT = 'aethex-lang-change';

/** Fallback when localStorage throws (storage disabled, some private modes): shared for this page only. */
let memory: string | null = null;

/** The stored language id, or `null` if none was chosen (or storage is unreadable). Browser only. */
export function readLanguage(): string | null {
  try {
    return window.localStorage.getItem(LANGUAGE_STORAGE_KEY) ?? memory;
  } catch {
    return memory;
  }
}

/** Mirrors the choice on `<html data-code-lang>`, which CodeLanguageBoot's CSS reads (no-op outside a document). */
function markDocument(id: string | null): void {
  if (typeof document === 'undefined') return;
  if (id) document.documentElement.dataset.codeLang = id;
  else delete document.documentElement.dataset.codeLang;
}

/** Stores `id` and tells every tab group on this page; other tabs/windows learn it from `storage`. */
export function writeLanguage(id: string): void {
  memory = id;
  markDocument(id);
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, id);
  } catch {
    // Not persisted across visits, but still shared on this page through `memory`.
  }
  window.dispatchEvent(new Event(LANGUAGE_CHANGE_EVENT));
}

/** useSyncExternalStore subscription: same-page changes plus other documents' writes to our key. */
export function subscribeLanguage(onChange: () => void): () => void {
  const onStorage = (event: StorageEvent) => {
    if (event.key !== LANGUAGE_STORAGE_KEY && event.key !== null) return;
    markDocument(event.newValue);
    onChange();
  };
  window.addEventListener(LANGUAGE_CHANGE_EVENT, onChange);
  window.addEventListener('storage', onStorage);
  return () => {
    window.removeEventListener(LANGUAGE_CHANGE_EVENT, onChange);
    window.removeEventListener('storage', onStorage);
  };
}

const serverSnapshot = () => null;

/**
 * The site-wide code-sample language, shared by every tab group and persisted in localStorage.
 * The server (and the hydration pass) see `null`, so markup matches and the stored choice applies right after.
 * @param ids the languages this group offers, in tab order
 * @returns `[selected, select]`: `selected` is the stored id if this group offers it, else `ids[0]`
 */
export function useLanguage(ids: readonly string[]): [string | undefined, (id: string) => void] {
  const stored = useSyncExternalStore(subscribeLanguage, readLanguage, serverSnapshot);
  const select = useCallback((id: string) => writeLanguage(id), []);
  return [stored !== null && ids.includes(stored) ? stored : ids[0], select];
}
