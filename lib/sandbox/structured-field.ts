import { parseItem, serializeItem } from 'structured-headers';

/**
 * The String type of HTTP Structured Field Values (RFC 8941 §3.3.3): DQUOTE, printable ASCII (0x20–0x7E) with
 * `"` and `\` escaped by a backslash, DQUOTE. Parsing and serialising are the `structured-headers` package's; this
 * module only says, for a field that holds one String Item, why a value is not one.
 */

/** Outcome of parsing a field value as one sf-string: the unescaped string, or why the value is not one. */
export type SfStringResult = { ok: true; value: string } | { ok: false; reason: SfStringFailure; detail?: string };

/** Why a field value is not a single sf-string without parameters. */
export type SfStringFailure =
  /** The value does not start with DQUOTE (a bare token such as a plain UUID, a number, or nothing at all). */
  | 'not-quoted'
  /** Parameters (`;name=value`) follow the string. */
  | 'parameters'
  /** A quoted value the RFC 8941 parser refuses (`detail` says where and why: escape, range, end of input…). */
  | 'malformed';

/**
 * Parses a field value as exactly one sf-string Item without parameters (RFC 8941 §4.2, leading and trailing SP
 * discarded). Parameters are refused rather than ignored: the field that uses this defines none, so a client sending
 * one is sending something else.
 * @param input - the field value as received (a ByteString: one character per octet).
 * @returns `{ ok: true, value }` with the escapes removed, or `{ ok: false, reason, detail? }`.
 */
export function parseSfString(input: string): SfStringResult {
  if (!input.trimStart().startsWith('"')) return { ok: false, reason: 'not-quoted' };
  try {
    const [value, parameters] = parseItem(input);
    if (typeof value !== 'string') return { ok: false, reason: 'not-quoted' };
    return parameters.size > 0 ? { ok: false, reason: 'parameters' } : { ok: true, value };
  } catch (error) {
    return {
      ok: false,
      reason: 'malformed',
      detail: (error instanceof Error ? error.message : String(error)).replace(/^Parse error: /, ''),
    };
  }
}

/**
 * Serialises a string as an sf-string (RFC 8941 §4.1.6): quoted, `"` and `\` escaped.
 * @returns the field value, or undefined when the string holds a character outside printable ASCII (0x20–0x7E),
 * which an sf-string cannot carry.
 */
export function serializeSfString(value: string): string | undefined {
  if (!/^[\x20-\x7e]*$/.test(value)) return undefined;
  return serializeItem(value);
}
