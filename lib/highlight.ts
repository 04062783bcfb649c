/**
 * Server-side syntax highlighting with shiki: one highlighter per process, dual light/dark themes
 * emitted as CSS variables (`--shiki-light`, `--shiki-dark`, `--shiki-light-bg`, `--shiki-dark-bg`)
 * that app/globals.css switches under the site's `.dark` class, so no JavaScript reaches the browser.
 */
import { createHash } from 'node:crypto';
import { createHighlighter } from 'shiki';

/**
 * The two themes, in one place. `colorReplacements` lifts the stock colours that fail WCAG 2.2 AA
 * (4.5:1 for normal text) against the theme's own background: github-light's orange (#e36209, 3.5:1,
 * used for variables) and github-dark's comment grey (#6a737d, 3.0:1). lib/highlight.test.ts checks
 * every colour the highlighter emits for our languages.
 */
export const CODE_THEME = {
  themes: { light: 'github-light', dark: 'github-dark' },
  colorReplacements: {
    'github-light': { '#e36209': '#b35900' },
    'github-dark': { '#6a737d': '#959da5' },
  },
} as const;

/**
 * Languages loaded into the highlighter: the six sample languages plus what guides and reference
 * pages show (JSON/YAML bodies, raw HTTP exchanges, Markdown, diffs, TSX, HTML).
 */
export const HIGHLIGHT_LANGUAGES = [
  'bash',
  'shell',
  'javascript',
  'typescript',
  'tsx',
  'python',
  'go',
  'java',
  'ruby',
  'json',
  'yaml',
  'http',
  'markdown',
  'diff',
  'html',
] as const;

/** Names shiki always accepts without a grammar (rendered as plain text, still themed). */
const PLAIN = new Set(['text', 'txt', 'plain', 'plaintext']);

const highlighter = createHighlighter({
  themes: Object.values(CODE_THEME.themes),
  langs: [...HIGHLIGHT_LANGUAGES],
});

/** Highlighted HTML by sha256(lang NUL code); holds promises so concurrent callers share one render. */
const cache = new Map<string, Promise<string>>();
const CACHE_LIMIT = 2000;

/**
 * Highlights `code` as `lang` and returns a `<pre class="shiki …" tabindex="0"><code>…</code></pre>`
 * HTML string (tokens carry both themes' colours as CSS variables; no default colour is inlined).
 * Results are cached by a hash of (lang, code) for the life of the process.
 * @param code source text, shown verbatim (a single trailing newline is not rendered as an empty line)
 * @param lang a name or alias of a loaded language (see HIGHLIGHT_LANGUAGES, e.g. `sh`, `js`, `ts`, `yml`) or `text`
 * @returns HTML safe to insert with dangerouslySetInnerHTML (shiki escapes the code)
 * @throws Error naming the supported languages if `lang` is not loaded (so a typo fails the build)
 */
export function highlight(code: string, lang: string): Promise<string> {
  const key = createHash('sha256').update(lang).update('\0').update(code).digest('base64url');
  let html = cache.get(key);
  if (!html) {
    html = render(code, lang);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, html);
    // A failed render must not be remembered: the next call should throw afresh, not hit a stale rejection.
    html.catch(() => cache.delete(key));
  }
  return html;
}

async function render(code: string, lang: string): Promise<string> {
  const shiki = await highlighter;
  const language = lang.toLowerCase();
  if (!PLAIN.has(language) && !shiki.getLoadedLanguages().includes(language)) {
    throw new Error(`highlight: unsupported language "${lang}"; use one of ${HIGHLIGHT_LANGUAGES.join(', ')} or text`);
  }
  return shiki.codeToHtml(code.replace(/\n$/, ''), {
    lang: language,
    themes: CODE_THEME.themes,
    defaultColor: false,
    colorReplacements: CODE_THEME.colorReplacements,
  });
}
