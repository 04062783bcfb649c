import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { tamperOneByte } from './webhook';

describe('tamperOneByte', () => {
  it('changes exactly one character and keeps JSON valid', () => {
    const payload = '{"id":"evt_1","type":"member.invited","data":{"n":1}}';
    const { text, index } = tamperOneByte(payload);
    expect(text).not.toBe(payload);
    expect(text.length).toBe(payload.length);
    expect([...text].filter((c, i) => c !== payload[i])).toHaveLength(1);
    expect(text[index]).not.toBe(payload[index]);
    expect(() => JSON.parse(text)).not.toThrow();
  });

  it('always differs in one position for any non-empty text', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (s) => {
        const { text } = tamperOneByte(s);
        return text.length === s.length && [...text].filter((c, i) => c !== [...s][i]).length <= 1 && text !== s;
      }),
    );
  });
});
