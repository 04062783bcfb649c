import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { getOperation } from '@/lib/openapi';

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

  it('accepts a bare key as the same key as its quoted form: 1 to 255 printable ASCII characters, trimmed', () => {
    for (const key of ['k', '8e03978e-40d5-43e8-bc93-6894a57f9324', 'k'.repeat(255), "!#$%&'()*+-./:<=>?@[]^_`{|}~"]) {
      expect(parseIdempotencyKey(key), key).toEqual({ ok: true, key });
      expect(parseIdempotencyKey(key), key).toEqual(parseIdempotencyKey(serializeSfString(key)!));
    }
    expect(parseIdempotencyKey(' \tabc-123\t ')).toEqual({ ok: true, key: 'abc-123' });
  });

  it('a bare key holding a space, ", ",", ";" or "\\": the message says to quote it and shows its own key quoted (escaped)', () => {
    const bare = parseIdempotencyKey('a,b');
    expect(bare).toEqual({
      ok: false,
      error: {
        field: 'idempotency-key',
        message:
          'holds a comma (,), which only a key in double quotes (an RFC 8941 Structured Field string) may hold: send Idempotency-Key: "a,b"',
      },
    });
    const message = (value: string) => {
      const result = parseIdempotencyKey(value);
      return result.ok ? '' : result.error.message;
    };
    expect(message(String.raw`a"b\c`)).toContain(String.raw`a double quote ("), which only a key in double quotes`);
    expect(message(String.raw`a"b\c`)).toContain(String.raw`send Idempotency-Key: "a\"b\\c"`);
    expect(message('k;p=1')).toContain('a semicolon (;)');
    expect(message('k;p=1')).toContain('send Idempotency-Key: "k;p=1"');
    expect(message('two words')).toContain('a space');
    expect(message('two words')).toContain('send Idempotency-Key: "two words"');
    expect(message(String.raw`back\slash`)).toContain(String.raw`a backslash (\)`);
  });

  it('a bare key that is empty, too long or not printable ASCII: the message shows an example, not the key', () => {
    const example = 'e.g. Idempotency-Key: "8e03978e-40d5-43e8-bc93-6894a57f9324"';
    for (const [value, start] of [
      ['', 'must hold 1 to 255 characters (it holds 0)'],
      [' \t ', 'must hold 1 to 255 characters (it holds 0)'],
      ['k'.repeat(256), 'must hold 1 to 255 characters (it holds 256)'],
      ['a,'.repeat(200), 'must hold 1 to 255 characters (it holds 400)'],
      ['caf\xe9', 'holds U+00E9, which no key may hold: send 1 to 255 printable ASCII characters'],
      ['a,b\x7f', 'holds U+007F, which no key may hold'],
      ['tab\there', 'holds U+0009, which no key may hold'],
    ] as const) {
      const result = parseIdempotencyKey(value);
      expect(result.ok, JSON.stringify(value)).toBe(false);
      const message = result.ok ? '' : result.error.message;
      expect(message.slice(0, start.length), JSON.stringify(value)).toBe(start);
      expect(message, JSON.stringify(value)).toContain(example);
      expect(message, JSON.stringify(value)).not.toMatch(/kkkk|a,a,|caf|there/);
    }
  });

  it("accepts exactly what the document's pattern accepts (request validation runs first and must not refuse a key)", () => {
    const parameter = getOperation('createProject')?.parameters.find((p) => p.name === 'Idempotency-Key');
    const schema = parameter?.schema as { pattern: string; minLength: number; maxLength: number };
    const pattern = new RegExp(schema.pattern, 'u');
    const documentAccepts = (value: string) =>
      value.length >= schema.minLength && value.length <= schema.maxLength && pattern.test(value);
    // Header values arrive without surrounding whitespace (Fetch trims it), so generated values have none either.
    const character = fc.constantFrom(...'k-7 ",;\\\t\xe9=');
    const value = fc
      .oneof(
        fc.array(character, { maxLength: 8 }).map((cs) => cs.join('')),
        fc.array(character, { maxLength: 8 }).map((cs) => `"${cs.join('')}"`),
        fc.constantFrom('k'.repeat(255), 'k'.repeat(256), `"${'k'.repeat(255)}"`, `"${'k'.repeat(256)}"`),
      )
      .filter((v) => v === v.trim());
    fc.assert(
      fc.property(value, (v) => {
        expect(parseIdempotencyKey(v).ok, JSON.stringify(v)).toBe(documentAccepts(v));
      }),
      { numRuns: 2000 },
    );
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
