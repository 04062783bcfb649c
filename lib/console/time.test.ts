import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { backoffSchedule, expiresAt, formatCountdown, secondsLeft, withJitter } from './time';

describe('countdown maths', () => {
  it('rounds seconds left up and never goes negative', () => {
    expect(secondsLeft(10_500, 10_000)).toBe(1);
    expect(secondsLeft(10_000, 10_000)).toBe(0);
    expect(secondsLeft(9_000, 10_000)).toBe(0);
    fc.assert(fc.property(fc.integer(), fc.integer(), (a, b) => secondsLeft(a, b) >= 0));
  });

  it('formats countdowns for people', () => {
    expect(formatCountdown(0)).toBe('0 s');
    expect(formatCountdown(45)).toBe('45 s');
    expect(formatCountdown(65)).toBe('1 min 05 s');
    expect(formatCountdown(3600)).toBe('1 h 00 min');
  });

  it('computes token expiry from expires_in', () => {
    expect(expiresAt(1_000, 3600)).toBe(3_601_000);
    expect(expiresAt(1_000, undefined)).toBeUndefined();
  });

  it('backs off from Retry-After, doubling up to a cap, with jitter in [d/2, d]', () => {
    expect(backoffSchedule(30)).toEqual([30, 60, 120, 240]);
    expect(backoffSchedule(0, 3)).toEqual([1, 2, 4]);
    expect(backoffSchedule(200, 3)).toEqual([200, 300, 300]);
    expect(withJitter(10, () => 0)).toBe(5);
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        (r) => withJitter(8, () => r) >= 4 && withJitter(8, () => r) <= 8,
      ),
    );
  });
});
