import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { codeThemeCss, highlight, HIGHLIGHT_LANGUAGES } from './highlight';

/** WCAG 2.2 relative luminance of a #rgb / #rrggbb / #rrggbbaa colour (alpha ignored). */
function luminance(hex: string): number {
  let digits = hex.replace('#', '');
  if (digits.length === 3) digits = [...digits].map((d) => d + d).join('');
  const [r, g, b] = [0, 2, 4].map((i) => {
    const channel = parseInt(digits.slice(i, i + 2), 16) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** A little of everything each grammar colours: comments, strings, keywords, numbers, variables, params. */
const CORPUS: Record<string, string> = {
  bash: '#!/bin/sh\n# comment\nX="${AETHEX_TOKEN:?set it}"\ncurl -sS -X POST "$X/v1" --data-raw \'{"a":1}\' | jq .\n',
  javascript:
    '// comment\nconst res = await fetch(`${base}/v1?x=1`, { method: "POST", body: JSON.stringify({ a: 1 }) });\nconsole.log(res.status, /re+/g, 42);\n',
  typescript: 'type A = { id: string };\nfunction f<T extends A>(value: T, n = 3): T[] { return [value]; } // c\n',
  tsx: 'export function A({ id }: { id: string }) { return <div className="x">{id}</div>; }\n',
  python: 'import os  # comment\ndef main(x: int = 1) -> None:\n    print(f"{x} \\n", os.environ["A"], None, True)\n',
  go: 'package main\n// comment\nfunc main() { x := []byte(`{"a":1}`); fmt.Println(len(x), 3.5, nil) }\n',
  java: 'import java.net.URI; // c\npublic class Main { public static void main(String[] args) throws Exception { var s = "x\\n"; int n = 1; } }\n',
  ruby: 'require \'net/http\' # c\ndef go(x = 1)\n  puts "#{x}", :sym, nil, @ivar\nend\n',
  json: '{ "a": 1, "b": [true, null, "s"] }\n',
  yaml: '# c\nopenapi: 3.1.0\npaths:\n  /x: { get: { operationId: a } }\nlist: [1, "two", ~]\n',
  http: 'POST /v1/projects HTTP/1.1\nHost: api.aethex.dev\nContent-Type: application/json\n\n{"name":"x"}\n',
  markdown: '# Title\n\n- item with `code` and **bold** [link](https://x.dev)\n1. one\n> quote\n',
  diff: '--- a\n+++ b\n@@ -1 +1 @@\n-old\n+new\n',
  html: '<!-- c --><a href="/x" class="y">text &amp; more</a>\n',
};

/** Palette class → colour, read from the stylesheet the site ships (app/code-theme.css). */
const PALETTE = new Map(
  [
    ...readFileSync('app/code-theme.css', 'utf8').matchAll(/\.(s[ld]\d+) \{ --shiki-(?:light|dark): (#[0-9A-F]+); \}/g),
  ].map((m) => [m[1] ?? '', m[2] ?? '']),
);

/** Each token's effective [light, dark] colour: its palette classes, else the `<pre>`'s defaults. */
function tokenColours(html: string): [string, string][] {
  const pre = /--shiki-light:(#[0-9a-f]+);--shiki-dark:(#[0-9a-f]+)/i.exec(html);
  const [lightFg = '', darkFg = ''] = pre ? [pre[1], pre[2]] : [];
  const tokens = [...html.matchAll(/<span( class="([^"]*)")?( style="[^"]*")?>[^<]/g)];
  return tokens.map((token) => {
    const classes = (token[2] ?? '').split(' ');
    const pick = (prefix: string, fallback: string) =>
      PALETTE.get(classes.find((c) => c.startsWith(prefix)) ?? '') ?? fallback;
    return [pick('sl', lightFg), pick('sd', darkFg)];
  });
}

describe('highlight', () => {
  it('app/code-theme.css is the current palette stylesheet (regenerate: npx tsx scripts/code-theme-css.ts > app/code-theme.css)', async () => {
    expect(readFileSync('app/code-theme.css', 'utf8')).toBe(await codeThemeCss());
  });

  it('gives tokens palette classes, not a style each, and leaves default-coloured tokens bare', async () => {
    const html = await highlight('const answer = 42; // comment', 'javascript');
    expect(html).not.toMatch(/<span style=/);
    expect(html).toMatch(/<span class="sl\d+ sd\d+">const<\/span>/);
    expect(html).toMatch(/<span> answer <\/span>|<span class="[^"]*"> answer/);
    for (const className of html.match(/\bs[ld]\d+\b/g) ?? []) expect(PALETTE.has(className), className).toBe(true);
  });

  it('emits both themes as CSS variables that app/globals.css switches', async () => {
    const html = await highlight('curl -sS "$AETHEX_BASE_URL/v1/projects"\n', 'bash');
    expect(html).toMatch(/^<pre class="shiki shiki-themes github-light github-dark"/);
    const variables = new Set(html.match(/--shiki-[a-z-]+/g));
    expect([...variables].sort()).toEqual(['--shiki-dark', '--shiki-dark-bg', '--shiki-light', '--shiki-light-bg']);
    const css = readFileSync('app/globals.css', 'utf8');
    for (const variable of variables) expect(css).toContain(`var(${variable})`);
    // No default colour inlined: the light theme must come from CSS, or `.dark` could not override it.
    expect(html).not.toMatch(/style="color:/);
  });

  it('escapes markup in the code', async () => {
    const html = await highlight('const s = "<script>alert(1)</script>";', 'javascript');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#x3C;script>');
  });

  it('caches by (lang, code): same input returns the same promise, other language renders anew', async () => {
    const code = 'print("cache")';
    expect(highlight(code, 'python')).toBe(highlight(code, 'python'));
    expect(await highlight(code, 'text')).not.toBe(await highlight(code, 'python'));
  });

  it('accepts aliases and plain text, and rejects unknown languages by name', async () => {
    await expect(highlight('x=1', 'sh')).resolves.toContain('shiki');
    await expect(highlight('just text', 'text')).resolves.toContain('just text');
    await expect(highlight('x', 'cobol')).rejects.toThrow(/unsupported language "cobol".*bash/);
  });

  it.each(HIGHLIGHT_LANGUAGES.filter((lang) => lang !== 'shell'))(
    'every colour emitted for %s meets WCAG AA (4.5:1) on its theme background',
    async (lang) => {
      const html = await highlight(CORPUS[lang] ?? '', lang);
      const pre = html.match(/--shiki-light-bg:(#[0-9a-f]+);--shiki-dark-bg:(#[0-9a-f]+)/i);
      expect(pre).not.toBeNull();
      const [, lightBg, darkBg] = pre as RegExpMatchArray as [string, string, string];
      const pairs = tokenColours(html);
      expect(pairs.length).toBeGreaterThan(3);
      expect(
        new Set(pairs.map((pair) => pair.join())).size,
        `${lang} uses more than the default colours`,
      ).toBeGreaterThan(1);
      for (const [light, dark] of pairs) {
        expect(contrast(light, lightBg), `${lang} light ${light} on ${lightBg}`).toBeGreaterThanOrEqual(4.5);
        expect(contrast(dark, darkBg), `${lang} dark ${dark} on ${darkBg}`).toBeGreaterThanOrEqual(4.5);
      }
    },
  );
});
