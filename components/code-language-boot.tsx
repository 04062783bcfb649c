import { LANGUAGE_STORAGE_KEY } from '@/lib/code-language';
import { LANGUAGES } from '@/lib/snippets';

/** Language ids go into CSS selectors and an inline script, so only these characters are allowed. */
const SAFE_ID = /^[a-z0-9-]+$/;

/**
 * CSS that shows the stored language's panel in every tab group offering it, keyed on
 * `<html data-code-lang>`. Before hydration React's markup still marks the first tab selected, so
 * without these rules the stored choice would swap panels after paint and shift the page (CLS).
 * @param ids language ids (lib/snippets LANGUAGES); each must match `[a-z0-9-]+`
 * @returns a stylesheet string; each selector is more specific than `.code-panel[data-selected]`
 * @throws Error for an id that is not safe in a selector
 */
export function codeLanguageCss(ids: readonly string[]): string {
  return ids
    .map((id) => {
      if (!SAFE_ID.test(id)) throw new Error(`codeLanguageCss: unsafe language id "${id}"`);
      const group = `html[data-code-lang="${id}"] .code-tabs:has(.code-panel[data-language="${id}"])`;
      return `${group} .code-panel{display:none}${group} .code-panel[data-language="${id}"]{display:block}`;
    })
    .join('\n');
}

/** Runs before the body paints: copies the stored choice onto `<html data-code-lang>` (ignores unsafe values). */
const script = `try{var l=localStorage.getItem(${JSON.stringify(LANGUAGE_STORAGE_KEY)});if(l&&${SAFE_ID.toString()}.test(l))document.documentElement.dataset.codeLang=l}catch(e){}`;

/**
 * Applies the reader's stored code-sample language before first paint, so tab groups render the
 * right panel straight away: an inline script (hashed into the page's CSP by scripts/csp-hashes.ts)
 * and the matching rules from {@link codeLanguageCss}. Place it first in `<body>`.
 * @returns a `<script>` and a `<style>` element; no client JavaScript bundle
 */
export function CodeLanguageBoot() {
  return (
    <>
      <script dangerouslySetInnerHTML={{ __html: script }} />
      <style dangerouslySetInnerHTML={{ __html: codeLanguageCss(LANGUAGES.map((language) => language.id)) }} />
    </>
  );
}
