import { describe, expect, it } from 'vitest';

import { randomHex, randomId } from './ids';

describe('ids', () => {
  it('randomHex: 2 × bytes lower-case hex, no repeats', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 1000; i += 1) {
      const hex = randomHex(16);
      expect(hex).toMatch(/^[0-9a-f]{32}$/);
      seen.add(hex);
    }
    expect(seen.size).toBe(1000);
    expect(randomHex(3)).toMatch(/^[0-9a-f]{6}$/);
    expect(randomHex(5000)).toMatch(/^[0-9a-f]{10000}$/);
  });

  it('randomId: prefix plus the requested number of alphanumerics', () => {
    expect(randomId('prj_', 16)).toMatch(/^prj_[A-Za-z0-9]{16}$/);
  });
});
