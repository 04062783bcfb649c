import type { FieldError } from './http';
import { parseSfString, serializeSfString } from './structured-field';

/** Longest accepted key, in characters between the quotes (after unescaping) or of a bare key. */
const IDEMPOTENCY_KEY_MAX = 255;

/** The lower-case header name, as field errors of header parameters name it. */
const FIELD = 'idempotency-key';
const EXAMPLE = 'Idempotency-Key: "8e03978e-40d5-43e8-bc93-6894a57f9324"';

/**
 * A character a bare key may hold: printable ASCII except `"`, `,`, `;` and `\`, which would make the value read as
 * a string, a list, parameters or an escape. Space (0x20) is left out too: it only fits between double quotes.
 */
const BARE_KEY_CHARACTER = /[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]/;

/** A character an sf-string can carry (RFC 8941 §3.3.3); no other can be part of a key, quoted or not. */
const PRINTABLE_ASCII = /[\x20-\x7e]/;

/** Leading and trailing spaces and tabs (OWS), which are not part of a bare key. */
const SURROUNDING_OWS = /^[ \t]+|[ \t]+$/g;

/** Names a character a bare key cannot hold, for messages. */
function describeCharacter(character: string): string {
  switch (character) {
    case ' ':
      return 'a space';
    case '"':
      return 'a double quote (")';
    case ',':
      return 'a comma (,)';
    case ';':
      return 'a semicolon (;)';
    case '\\':
      return 'a backslash (\\)';
    default:
      return `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
  }
}

/**
 * Reads an Idempotency-Key header. The preferred form is the Structured Field the idempotency-key draft defines: one
 * RFC 8941 sf-string (`"…"`, printable ASCII, only `\"` and `\\` escapes, no parameters) holding 1 to
 * IDEMPOTENCY_KEY_MAX characters. A bare key is accepted as a lenient equivalent, because clients commonly send a
 * UUID without quotes and mean the same key: `abc-123` and `"abc-123"` name one record. A bare key is 1 to
 * IDEMPOTENCY_KEY_MAX printable ASCII characters without `"`, `,`, `;` or `\`, so it cannot be mistaken for a list,
 * parameters or escapes; a key that needs one of those (or a space) must be quoted.
 * @param value - the header value as received.
 * @returns the key (the unescaped string, or the bare key without surrounding spaces and tabs, which is what is
 * stored), or a field error whose message says what to send; for a bare key holding a character only a quoted key
 * may hold, that is the caller's own key, quoted and escaped.
 */
export function parseIdempotencyKey(value: string): { ok: true; key: string } | { ok: false; error: FieldError } {
  const parsed = parseSfString(value);
  if (parsed.ok) {
    if (parsed.value.length >= 1 && parsed.value.length <= IDEMPOTENCY_KEY_MAX) return { ok: true, key: parsed.value };
    return fieldError(
      `must hold 1 to ${IDEMPOTENCY_KEY_MAX} characters between its double quotes (it holds ${parsed.value.length})`,
    );
  }
  if (parsed.reason === 'not-quoted') return parseBareKey(value.replace(SURROUNDING_OWS, ''));
  const why =
    parsed.reason === 'parameters'
      ? 'it has parameters (;…), which Idempotency-Key does not take'
      : (parsed.detail ?? 'malformed');
  return fieldError(
    `is not a valid RFC 8941 string (${why}): send one key in double quotes, escaping " and \\ with a backslash, e.g. ${EXAMPLE}`,
  );
}

/** Reads a key sent without double quotes (already trimmed), or says why it needs them or cannot be a key at all. */
function parseBareKey(bare: string): { ok: true; key: string } | { ok: false; error: FieldError } {
  const characters = [...bare];
  // Outside printable ASCII no quoting helps (an sf-string cannot carry it): say what a key is made of instead.
  const unprintable = characters.find((character) => !PRINTABLE_ASCII.test(character));
  if (unprintable !== undefined)
    return fieldError(
      `holds ${describeCharacter(unprintable)}, which no key may hold: send 1 to ${IDEMPOTENCY_KEY_MAX} printable ASCII characters, preferably in double quotes, e.g. ${EXAMPLE}`,
    );
  if (bare.length < 1 || bare.length > IDEMPOTENCY_KEY_MAX)
    return fieldError(`must hold 1 to ${IDEMPOTENCY_KEY_MAX} characters (it holds ${bare.length}), e.g. ${EXAMPLE}`);
  const needsQuotes = characters.find((character) => !BARE_KEY_CHARACTER.test(character));
  if (needsQuotes !== undefined)
    return fieldError(
      `holds ${describeCharacter(needsQuotes)}, which only a key in double quotes (an RFC 8941 Structured Field string) may hold: send Idempotency-Key: ${quotedKey(bare)}`,
    );
  return { ok: true, key: bare };
}

/** A refusal of the header, named as the validators name header parameters. */
function fieldError(message: string): { ok: false; error: FieldError } {
  return { ok: false, error: { field: FIELD, message } };
}

/** The key as it appears in a header, for messages (keys that parsed are printable ASCII, so this always succeeds). */
export function quotedKey(key: string): string {
  return serializeSfString(key) ?? JSON.stringify(key);
}
