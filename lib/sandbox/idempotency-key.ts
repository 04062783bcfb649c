import type { FieldError } from './http';
import { parseSfString, serializeSfString } from './structured-field';

/** Longest accepted key, in characters between the quotes (after unescaping). */
const IDEMPOTENCY_KEY_MAX = 255;

/** The lower-case header name, as field errors of header parameters name it. */
const FIELD = 'idempotency-key';
const EXAMPLE = 'Idempotency-Key: "8e03978e-40d5-43e8-bc93-6894a57f9324"';

/**
 * Reads an Idempotency-Key header as the Structured Field the idempotency-key draft defines: one RFC 8941 sf-string
 * (`"…"`, printable ASCII, only `\"` and `\\` escapes, no parameters) holding 1 to IDEMPOTENCY_KEY_MAX characters.
 * @param value - the header value as received.
 * @returns the key (the unescaped string, which is what is stored), or a field error whose message shows the quoted
 * form to send; for a bare key that is printable ASCII, that form is the caller's own key, quoted and escaped.
 */
export function parseIdempotencyKey(value: string): { ok: true; key: string } | { ok: false; error: FieldError } {
  const parsed = parseSfString(value);
  if (parsed.ok) {
    if (parsed.value.length >= 1 && parsed.value.length <= IDEMPOTENCY_KEY_MAX) return { ok: true, key: parsed.value };
    return {
      ok: false,
      error: {
        field: FIELD,
        message: `must hold 1 to ${IDEMPOTENCY_KEY_MAX} characters between its double quotes (it holds ${parsed.value.length})`,
      },
    };
  }
  if (parsed.reason === 'not-quoted') {
    const bare = value.trim();
    const quoted = bare.length >= 1 && bare.length <= IDEMPOTENCY_KEY_MAX ? serializeSfString(bare) : undefined;
    const send = quoted
      ? `Idempotency-Key: ${quoted}`
      : `the key in double quotes, e.g. ${EXAMPLE} (1 to ${IDEMPOTENCY_KEY_MAX} printable ASCII characters)`;
    return {
      ok: false,
      error: {
        field: FIELD,
        message: `must be a string in double quotes (an RFC 8941 Structured Field string): send ${send}`,
      },
    };
  }
  const why =
    parsed.reason === 'parameters'
      ? 'it has parameters (;…), which Idempotency-Key does not take'
      : (parsed.detail ?? 'malformed');
  return {
    ok: false,
    error: {
      field: FIELD,
      message: `is not a valid RFC 8941 string (${why}): send one key in double quotes, escaping " and \\ with a backslash, e.g. ${EXAMPLE}`,
    },
  };
}

/** The key as it appears in a header, for messages (keys that parsed are printable ASCII, so this always succeeds). */
export function quotedKey(key: string): string {
  return serializeSfString(key) ?? JSON.stringify(key);
}
