import { describe, expect, it } from 'vitest';

import { formatSandboxRows, meetsGoal, sandboxGoalsMet, type SandboxBenchRow } from './sandbox';

const prism: SandboxBenchRow = {
  target: 'Prism',
  requestsPerSecond: 3000,
  p50Ms: 3,
  p99Ms: 8,
  non2xx: 0,
  anchor: true,
};
const sqlite: SandboxBenchRow = {
  target: 'SQLite',
  requestsPerSecond: 6000,
  p50Ms: 1,
  p99Ms: 19,
  non2xx: 0,
  goal: { minTimesAnchor: 2, maxP99Ms: 20 },
};
const mounted: SandboxBenchRow = {
  target: 'mounted',
  requestsPerSecond: 900,
  p50Ms: 10,
  p99Ms: 49,
  non2xx: 0,
  goal: { maxP99Ms: 50 },
};

describe('sandbox goals', () => {
  it('passes a row at its bounds: the anchor multiple reached, p99 below its limit, no non-2xx', () => {
    expect(meetsGoal(sqlite, 3000)).toBe(true);
    expect(meetsGoal(mounted, 3000)).toBe(true);
    expect(meetsGoal(prism, 3000)).toBeUndefined();
    expect(sandboxGoalsMet([prism, sqlite, mounted])).toBe(true);
  });

  it('fails a row below the multiple, at the p99 limit, or with any non-2xx answer', () => {
    expect(meetsGoal({ ...sqlite, requestsPerSecond: 5999 }, 3000)).toBe(false);
    expect(meetsGoal({ ...sqlite, p99Ms: 20 }, 3000)).toBe(false);
    expect(meetsGoal({ ...mounted, non2xx: 1 }, 3000)).toBe(false);
    expect(sandboxGoalsMet([prism, { ...sqlite, p99Ms: 25 }, mounted])).toBe(false);
  });

  it('prints the ratio to the anchor, the goal and the verdict per row', () => {
    const table = formatSandboxRows([prism, sqlite, { ...mounted, p99Ms: 60 }]);
    expect(table).toContain('| Prism | 3000 | — | 3 | 8 | 0 | 1.00 | anchor | — |');
    expect(table).toContain('| SQLite | 6000 | — | 1 | 19 | 0 | 2.00 | ≥ 2× Prism, p99 < 20 ms, 0 non-2xx | PASS |');
    expect(table).toContain('| mounted | 900 | — | 10 | 60 | 0 | 0.30 | p99 < 50 ms, 0 non-2xx | FAIL |');
  });
});
