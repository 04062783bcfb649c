import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { CodeTabs, type CodeTab } from './code-tabs.client';
import { LANGUAGE_STORAGE_KEY, readLanguage, subscribeLanguage, writeLanguage } from './use-language';

const tabs: CodeTab[] = [
  { id: 'curl', label: 'cURL', html: '<pre class="shiki"><code>curl</code></pre>', source: 'curl "$X"\n' },
  { id: 'python', label: 'Python', html: '<pre class="shiki"><code>py</code></pre>', source: 'print(1)\n' },
  { id: 'go', label: 'Go', html: '<pre class="shiki"><code>go</code></pre>', source: 'package main\n' },
];

describe('CodeTabs server render', () => {
  const html = renderToString(createElement(CodeTabs, { tabs, title: 'Request' }));
  const document = new DOMParserLite(html);

  it('follows the WAI-ARIA tabs pattern with the first language selected', () => {
    expect(document.count('role="tablist"')).toBe(1);
    expect(document.count('role="tab"')).toBe(3);
    expect(document.count('role="tabpanel"')).toBe(3);
    expect(document.count('aria-selected="true"')).toBe(1);
    expect(html).toMatch(/aria-selected="true" tabindex="0"[^>]*>cURL</);
    expect(document.count('tabindex="-1"')).toBe(2);
    // Every tab controls an existing panel that points back at it.
    for (const [, tabId, panelId] of html.matchAll(/id="([^"]+-tab-\w+)" aria-controls="([^"]+)"/g)) {
      expect(html).toContain(`id="${panelId}" aria-labelledby="${tabId}"`);
    }
  });

  it('marks only the first panel selected, so CSS lays out just that one', () => {
    expect(document.count('class="code-panel"')).toBe(3);
    expect(document.count('data-selected="false"')).toBe(2);
    expect(html).toMatch(/data-language="curl" data-selected="true"/);
  });

  it('shows the title and a copy button labelled with the language', () => {
    expect(html).toContain('>Request<');
    expect(html).toMatch(/>Copy<span class="sr-only"> (<!-- -->)?cURL sample<\/span><\/button>/);
    expect(html).toContain('aria-live="polite"');
  });
});

/** A minimal stand-in for `window` + `localStorage` so the store runs in Node. */
function fakeWindow(throwing = false) {
  const target = new EventTarget();
  const store = new Map<string, string>();
  const localStorage = {
    getItem: (key: string) => {
      if (throwing) throw new Error('SecurityError');
      return store.get(key) ?? null;
    },
    setItem: (key: string, value: string) => {
      if (throwing) throw new Error('QuotaExceededError');
      store.set(key, value);
    },
  };
  return Object.assign(target, { localStorage, store });
}

describe('language store', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('persists under aethex-lang and notifies subscribers on the page', () => {
    const win = fakeWindow();
    vi.stubGlobal('window', win);
    const seen: (string | null)[] = [];
    const unsubscribe = subscribeLanguage(() => seen.push(readLanguage()));
    writeLanguage('go');
    expect(win.store.get(LANGUAGE_STORAGE_KEY)).toBe('go');
    expect(seen).toEqual(['go']);
    unsubscribe();
    writeLanguage('ruby');
    expect(seen).toEqual(['go']);
  });

  it('reacts to other documents writing the key (storage event), not to other keys', () => {
    const win = fakeWindow();
    vi.stubGlobal('window', win);
    let calls = 0;
    subscribeLanguage(() => calls++);
    win.dispatchEvent(Object.assign(new Event('storage'), { key: 'theme' }));
    win.dispatchEvent(Object.assign(new Event('storage'), { key: LANGUAGE_STORAGE_KEY }));
    expect(calls).toBe(1);
  });

  it('still shares the choice on the page when storage throws', () => {
    vi.stubGlobal('window', fakeWindow(true));
    writeLanguage('java');
    expect(readLanguage()).toBe('java');
  });
});

/** Counting substrings is all these assertions need; no DOM library is installed. */
class DOMParserLite {
  constructor(private readonly html: string) {}
  count(needle: string): number {
    return this.html.split(needle).length - 1;
  }
}
