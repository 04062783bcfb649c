/**
 * A tiny JSON tokenizer for colouring response bodies in the browser without shipping shiki.
 * Works on any text: what is not JSON syntax comes back as `plain` tokens, so nothing is lost.
 */

/** Token kinds the viewer colours. */
export type JsonTokenKind = 'key' | 'string' | 'number' | 'literal' | 'punctuation' | 'plain';

/** One run of text and its kind; concatenating every `text` gives the input back exactly. */
export interface JsonToken {
  readonly kind: JsonTokenKind;
  readonly text: string;
}

const TOKEN = /("(?:[^"\\\n]|\\.)*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|\b(true|false|null)\b|([{}[\],:])/g;

/**
 * Splits `text` (ideally pretty-printed JSON) into coloured runs. A string followed by `:` is a key.
 * @returns tokens whose texts concatenate to `text`.
 */
export function tokenizeJson(text: string): JsonToken[] {
  const tokens: JsonToken[] = [];
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    const index = match.index;
    if (index > last) tokens.push({ kind: 'plain', text: text.slice(last, index) });
    const [whole, str, colon, num, literal] = match;
    if (str !== undefined) {
      tokens.push({ kind: colon ? 'key' : 'string', text: str });
      if (colon) tokens.push({ kind: 'punctuation', text: colon });
    } else if (num !== undefined) tokens.push({ kind: 'number', text: num });
    else if (literal !== undefined) tokens.push({ kind: 'literal', text: literal });
    else tokens.push({ kind: 'punctuation', text: whole });
    last = index + whole.length;
  }
  if (last < text.length) tokens.push({ kind: 'plain', text: text.slice(last) });
  return tokens;
}

/**
 * The body as the viewer shows it: JSON (any `+json` media type) pretty-printed with 2 spaces,
 * anything else unchanged.
 */
export function prettyBody(bodyText: string, contentType: string | undefined): string {
  if (!/\bjson\b/i.test(contentType ?? '') || bodyText.trim() === '') return bodyText;
  try {
    return JSON.stringify(JSON.parse(bodyText), null, 2);
  } catch {
    return bodyText;
  }
}

/**
 * How much of a body the viewer colours: at most 64 KiB and 2,000 lines. A 5 MB JSON body coloured whole became
 * ~300,000 elements and froze the page for 8 s and every later click for seconds (issue #18); the head keeps a
 * pretty-printed body under ~8,000 elements.
 */
export const HIGHLIGHT_LIMIT = { chars: 64 * 1024, lines: 2000 } as const;

/**
 * Splits `text` for the viewer: a head within `limit`, cut after a line break when there is one, to colour, and
 * the rest, shown on demand as plain text.
 * @returns `head + rest === text`; `rest` is empty when `text` fits
 */
export function splitForHighlight(text: string, limit = HIGHLIGHT_LIMIT): { head: string; rest: string } {
  let cut = 0;
  for (let line = 0; line < limit.lines; line++) {
    const next = text.indexOf('\n', cut);
    if (next < 0 || next >= limit.chars) break;
    cut = next + 1;
  }
  if (text.length <= limit.chars && (cut === 0 || text.indexOf('\n', cut) < 0)) return { head: text, rest: '' };
  if (cut === 0) cut = limit.chars;
  return { head: text.slice(0, cut), rest: text.slice(cut) };
}
