import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

import { CodeLanguageBoot, codeLanguageCss } from './code-language-boot';

describe('codeLanguageCss', () => {
  it('shows the stored language only in groups that offer it', () => {
    const css = codeLanguageCss(['python']);
    expect(css).toContain(
      'html[data-code-lang="python"] .code-tabs:has(.code-panel[data-language="python"]) .code-panel{display:none}',
    );
    expect(css).toContain(
      'html[data-code-lang="python"] .code-tabs:has(.code-panel[data-language="python"]) .code-panel[data-language="python"]{display:block}',
    );
  });

  it('refuses ids that would break out of a selector', () => {
    expect(() => codeLanguageCss(['go"] *{x:y}'])).toThrow(/unsafe language id/);
  });
});

describe('CodeLanguageBoot', () => {
  const html = renderToString(createElement(CodeLanguageBoot));

  it('renders rules for all six sample languages and a script reading the stored choice', () => {
    for (const id of ['curl', 'javascript', 'python', 'go', 'java', 'ruby'])
      expect(html).toContain(`[data-code-lang="${id}"]`);
    expect(html).toContain('localStorage.getItem("aethex-lang")');
  });

  it('the script sets data-code-lang from storage and ignores unsafe values', () => {
    const source = /<script>(.*?)<\/script>/.exec(html)?.[1] ?? '';
    for (const [stored, expected] of [
      ['ruby', 'ruby'],
      ['x"]{}', undefined],
      [null, undefined],
    ] as const) {
      const dataset: Record<string, string> = {};
      const run = new Function('localStorage', 'document', source);
      run({ getItem: () => stored }, { documentElement: { dataset } });
      expect(dataset.codeLang).toBe(expected);
    }
  });
});
