/**
 * String literals per language that reproduce a text byte for byte (the body a sample sends must
 * be exactly the documented one). Each picks the most readable form that is still exact.
 */

/** POSIX shell single-quoted word: nothing expands inside; a `'` is written as `'\''`. */
export function shellSingle(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A double-quoted literal with JSON escapes, valid in JavaScript, Python, Go and Java alike. */
export function doubleQuoted(text: string): string {
  return JSON.stringify(text);
}

/** Python: a raw triple-quoted string when it can hold the text exactly, else a double-quoted one. */
export function pythonString(text: string): string {
  const rawSafe = !text.includes('"""') && !text.includes('\r') && !/["\\]$/.test(text);
  return rawSafe ? `r"""${text}"""` : doubleQuoted(text);
}

/** Go: a raw (backquoted) string when possible (no backquote, no CR, which Go drops), else interpreted. */
export function goString(text: string): string {
  return !text.includes('`') && !text.includes('\r') ? `\`${text}\`` : doubleQuoted(text);
}

/** Ruby single-quoted string: only `\\` and `\'` are escapes, so `#{}` and `$` stay literal. */
export function rubySingle(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** JavaScript single-quoted string: backslash, quote and line breaks escaped (JSON's escapes, with `'` for `"`). */
export function jsSingle(text: string): string {
  return `'${JSON.stringify(text).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}
