import type { FieldError } from './http';

/**
 * A JSON `\u` escape of a UTF-16 surrogate (D800–DFFF) or of U+0000: the only ways a lone surrogate or a NUL gets
 * into parsed JSON (JSON forbids a raw NUL in a string).
 */
const UNSTORABLE_ESCAPE = /\\u(?:[dD][89a-fA-F][0-9a-fA-F]{2}|0000)/;

const NUL_MESSAGE = 'holds U+0000 (NUL), which a database cannot store in text: remove it';

/** RFC 6901 reference token: `~` → `~0`, `/` → `~1`. */
function token(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * The first string of a parsed JSON value (object keys and string values, at any depth) that a database cannot store
 * as sent: not well-formed Unicode (a lone UTF-16 surrogate, which SQLite would turn into U+FFFD) or holding U+0000
 * (which PostgreSQL refuses in text). JavaScript keeps such a string, so it would otherwise be echoed back as sent on
 * one database and fail on the other.
 * @param text - the JSON text the value was parsed from: without a surrogate or NUL `\u` escape in it (valid UTF-8
 * cannot encode a surrogate) nothing is walked, so ordinary bodies cost one regular-expression scan.
 * @param value - the parsed value.
 * @returns a field error with the RFC 6901 JSON pointer of the string (for a key, of the member it names), or
 * undefined when every string is well-formed. Walks iteratively: nesting depth is bounded only by the body size.
 */
export function illFormedString(text: string, value: unknown): FieldError | undefined {
  if (!UNSTORABLE_ESCAPE.test(text)) return undefined;
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length > 0) {
    const [item, pointer] = stack.pop()!;
    if (typeof item === 'string') {
      if (item.includes('\u0000')) return { field: pointer, message: NUL_MESSAGE };
      if (!item.isWellFormed())
        return {
          field: pointer,
          message:
            'is not well-formed Unicode: it holds a lone UTF-16 surrogate (a \\uD800–\\uDFFF escape without its pair)',
        };
    } else if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i -= 1) stack.push([item[i], `${pointer}/${i}`]);
    } else if (item !== null && typeof item === 'object') {
      const entries = Object.entries(item);
      for (const [key] of entries) {
        if (key.includes('\u0000'))
          return { field: `${pointer}/${token(key)}`, message: `is a key that ${NUL_MESSAGE}` };
        if (!key.isWellFormed())
          return {
            field: `${pointer}/${token(key)}`,
            message:
              'is a key that is not well-formed Unicode: it holds a lone UTF-16 surrogate (a \\uD800–\\uDFFF escape without its pair)',
          };
      }
      for (let i = entries.length - 1; i >= 0; i -= 1)
        stack.push([entries[i]![1], `${pointer}/${token(entries[i]![0])}`]);
    }
  }
  return undefined;
}
