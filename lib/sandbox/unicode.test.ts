import { describe, expect, it } from 'vitest';

import { illFormedString } from './unicode';

/** Parses JSON text and looks for a lone surrogate, as readJsonBody does. */
const check = (text: string) => illFormedString(text, JSON.parse(text));

describe('illFormedString', () => {
  it('finds a lone surrogate in a value or a key at any depth, by RFC 6901 JSON pointer', () => {
    expect(check(String.raw`{"name":"a\ud800b"}`)).toMatchObject({
      field: '/name',
      message: expect.stringContaining('lone UTF-16 surrogate'),
    });
    expect(check(String.raw`{"a":[1,{"b/c~d":["ok","\udfff"]}]}`)?.field).toBe('/a/1/b~1c~0d/1');
    expect(check(String.raw`{"ok":{"\udc00x":1}}`)).toMatchObject({
      field: '/ok/\udc00x',
      message: expect.stringMatching(/^is a key/),
    });
    expect(check(String.raw`"\ud800"`)?.field).toBe('');
    // The first in document order.
    expect(check(String.raw`{"a":"\ud800","b":"\ud801"}`)?.field).toBe('/a');
  });

  it('accepts surrogate pairs, escaped backslashes before "u", and plain UTF-8', () => {
    expect(check(String.raw`{"name":"rocket \ud83d\ude80"}`)).toBeUndefined();
    expect(check(String.raw`{"name":"\\ud800 is text"}`)).toBeUndefined();
    expect(check('{"name":"caf\u00e9 \u{1F680}"}')).toBeUndefined();
  });

  it('walks deep nesting without recursion', () => {
    const depth = 200_000;
    const text = `${'['.repeat(depth)}"\\ud800"${']'.repeat(depth)}`;
    expect(check(text)?.field).toBe('/0'.repeat(depth));
  });
});
