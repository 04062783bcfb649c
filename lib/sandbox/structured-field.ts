/**
 * The String type of HTTP Structured Field Values (RFC 8941 §3.3.3): DQUOTE, printable ASCII (0x20–0x7E) with
 * `"` and `\` escaped by a backslash, DQUOTE. Only what a field holding a single String Item needs.
 */

/** Outcome of parsing a field value as one sf-string: the unescaped string, or why the value is not one. */
export type SfStringResult = { ok: true; value: string } | { ok: false; reason: SfStringFailure };

/** Why a field value is not a single sf-string without parameters. */
export type SfStringFailure =
  /** The value does not start with DQUOTE (a bare token such as a plain UUID, or nothing at all). */
  | 'not-quoted'
  /** A character outside printable ASCII (control characters, DEL, anything non-ASCII). */
  | 'not-printable'
  /** A backslash followed by something other than `"` or `\`. */
  | 'bad-escape'
  /** The closing DQUOTE is missing. */
  | 'unterminated'
  /** Parameters (`;name=value`) follow the string. */
  | 'parameters'
  /** Anything else follows the closing DQUOTE (e.g. a second list member). */
  | 'trailing';

const DQUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Parses a field value as exactly one sf-string Item without parameters, following the parsing algorithm of
 * RFC 8941 §4.2 (leading and trailing SP discarded, §4.2.5 for the string itself). Parameters are refused rather
 * than ignored: the field that uses this defines none, so a client sending one is sending something else.
 * @param input - the field value as received (a ByteString: one character per octet).
 * @returns `{ ok: true, value }` with the escapes removed, or `{ ok: false, reason }`.
 */
export function parseSfString(input: string): SfStringResult {
  let start = 0;
  let end = input.length;
  while (start < end && input.charCodeAt(start) === 0x20) start += 1;
  while (end > start && input.charCodeAt(end - 1) === 0x20) end -= 1;
  if (start === end || input.charCodeAt(start) !== DQUOTE) return { ok: false, reason: 'not-quoted' };
  let value = '';
  let i = start + 1;
  for (; i < end; i += 1) {
    const code = input.charCodeAt(i);
    if (code === BACKSLASH) {
      const next = input.charCodeAt(i + 1);
      if (i + 1 >= end || (next !== DQUOTE && next !== BACKSLASH)) return { ok: false, reason: i + 1 >= end ? 'unterminated' : 'bad-escape' };
      value += input[i + 1];
      i += 1;
    } else if (code === DQUOTE) {
      break;
    } else if (code < 0x20 || code > 0x7e) {
      return { ok: false, reason: 'not-printable' };
    } else {
      value += input[i];
    }
  }
  if (i >= end) return { ok: false, reason: 'unterminated' };
  if (i + 1 < end) return { ok: false, reason: input.charCodeAt(i + 1) === 0x3b ? 'parameters' : 'trailing' };
  return { ok: true, value };
}

/**
 * Serialises a string as an sf-string (RFC 8941 §4.1.6): quoted, `"` and `\` escaped.
 * @returns the field value, or undefined when the string holds a character outside printable ASCII (0x20–0x7E),
 * which an sf-string cannot carry.
 */
export function serializeSfString(value: string): string | undefined {
  if (!/^[\x20-\x7e]*$/.test(value)) return undefined;
  return `"${value.replace(/[\\"]/g, '\\$&')}"`;
}
