import { describe, expect, it } from 'vitest';

import { parseIdempotencyKey } from './idempotency-key';
import { parseSfString, serializeSfString } from './structured-field';

describe('RFC 8941 sf-string', () => {
  it('parses a quoted string, removing the \\" and \\\\ escapes and surrounding spaces', () => {
    expect(parseSfString('"8e03978e-40d5-43e8-bc93-6894a57f9324"')).toEqual({
      ok: true,
      value: '8e03978e-40d5-43e8-bc93-6894a57f9324',
    });
    expect(parseSfString(String.raw`"say \"hi\" \\ bye"`)).toEqual({ ok: true, value: String.raw`say "hi" \ bye` });
    expect(parseSfString('  "padded"  ')).toEqual({ ok: true, value: 'padded' });
    expect(parseSfString('""')).toEqual({ ok: true, value: '' });
    expect(parseSfString('" ~!#[]"')).toEqual({ ok: true, value: ' ~!#[]' });
  });

  it.each([
    ['', 'not-quoted'],
    ['8e03978e-40d5-43e8-bc93-6894a57f9324', 'not-quoted'],
    ['abc"', 'not-quoted'],
    ['42', 'not-quoted'],
    ['"k";p=1', 'parameters'],
    ['"k"; p', 'parameters'],
  ])('refuses %j (%s)', (input, reason) => {
    expect(parseSfString(input)).toEqual({ ok: false, reason });
  });

  it.each([
    ['"open', /end of input/],
    ['"ends with backslash\\', /end of input|backslash/],
    [String.raw`"bad \n escape"`, /backslash must be followed/],
    [String.raw`"\u0041"`, /backslash must be followed/],
    ['"tab\there"', /ASCII range/],
    ['"del\x7f"', /ASCII range/],
    ['"caf\xe9"', /ASCII range/],
    ['"a", "b"', /end of input/],
    ['"a"b"', /end of input/],
    ['"a" x', /end of input/],
  ])('refuses %j as malformed, saying why', (input, detail) => {
    const result = parseSfString(input);
    expect(result).toMatchObject({ ok: false, reason: 'malformed' });
    expect(result.ok ? '' : result.detail).toMatch(detail);
  });

  it('serialises printable ASCII with escapes, and refuses anything else; parse(serialize(s)) is s', () => {
    expect(serializeSfString(String.raw`a"b\c`)).toBe(String.raw`"a\"b\\c"`);
    expect(serializeSfString('caf\u00e9')).toBeUndefined();
    expect(serializeSfString('line\nbreak')).toBeUndefined();
    const all = Array.from({ length: 0x5f }, (_, i) => String.fromCharCode(0x20 + i)).join('');
    expect(parseSfString(serializeSfString(all)!)).toEqual({ ok: true, value: all });
  });
});

describe('Idempotency-Key', () => {
  it('is the parsed string of 1 to 255 characters', () => {
    expect(parseIdempotencyKey('"k"')).toEqual({ ok: true, key: 'k' });
    expect(parseIdempotencyKey(`"${'k'.repeat(255)}"`)).toEqual({ ok: true, key: 'k'.repeat(255) });
    // 255 characters after unescaping, 510 between the quotes.
    expect(parseIdempotencyKey(`"${'\\"'.repeat(255)}"`)).toEqual({ ok: true, key: '"'.repeat(255) });
    for (const value of ['""', `"${'k'.repeat(256)}"`]) {
      const result = parseIdempotencyKey(value);
      expect(result.ok ? '' : result.error.message).toMatch(/^must hold 1 to 255 characters between its double quotes/);
    }
  });

  it("a bare key: the message shows the caller's own key quoted (escaped), or an example when it cannot be quoted", () => {
    const bare = parseIdempotencyKey('8e03978e-40d5-43e8-bc93-6894a57f9324');
    expect(bare).toEqual({
      ok: false,
      error: {
        field: 'idempotency-key',
        message:
          'must be a string in double quotes (an RFC 8941 Structured Field string): send Idempotency-Key: "8e03978e-40d5-43e8-bc93-6894a57f9324"',
      },
    });
    const tricky = parseIdempotencyKey(String.raw`a"b\c`);
    expect(tricky.ok ? '' : tricky.error.message).toContain(String.raw`send Idempotency-Key: "a\"b\\c"`);
    for (const value of ['k'.repeat(256), 'caf\xe9', '']) {
      const result = parseIdempotencyKey(value);
      expect(result.ok ? '' : result.error.message).toContain(
        'e.g. Idempotency-Key: "8e03978e-40d5-43e8-bc93-6894a57f9324" (1 to 255 printable ASCII characters)',
      );
      expect(result.ok ? '' : result.error.message).not.toContain('kkkk');
    }
  });

  it('a malformed quoted key says what is wrong', () => {
    const message = (value: string) => {
      const result = parseIdempotencyKey(value);
      return result.ok ? '' : result.error.message;
    };
    expect(message('"k";p=1')).toContain('parameters');
    expect(message(String.raw`"a\n"`)).toContain('A backslash must be followed by another backslash or double quote');
    expect(message('"open')).toContain('Unexpected end of input');
    expect(message('"a", "b"')).toContain('Unexpected characters at end of input');
  });
});
