import { describe, expect, it } from 'vitest';

import { headerValue, isReplayed, pageOf, readPagination, readRateLimit } from './headers';

const link =
  '<http://localhost:3140/sandbox/v1/projects?page=1&limit=25>; rel="first", <http://localhost:3140/sandbox/v1/projects?page=1&limit=25>; rel="prev", ' +
  '<http://localhost:3140/sandbox/v1/projects?page=3&limit=25>; rel="next", <http://localhost:3140/sandbox/v1/projects?page=3&limit=25>; rel="last"';

describe('response headers', () => {
  it('reads headers case-insensitively', () => {
    expect(headerValue([['x-request-id', 'req_1']], 'X-Request-ID')).toBe('req_1');
    expect(headerValue([], 'X-Request-ID')).toBeUndefined();
  });

  it('reads the rate limit, and Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(
      readRateLimit(
        [
          ['x-ratelimit-limit', '100'],
          ['x-ratelimit-remaining', '7'],
          ['x-ratelimit-reset', '1767225660'],
          ['retry-after', '30'],
        ],
        now,
      ),
    ).toEqual({
      limit: 100,
      remaining: 7,
      resetAt: 1767225660,
      retryAfter: 30,
    });
    expect(readRateLimit([['retry-after', 'Thu, 01 Jan 2026 00:00:45 GMT']], now)).toEqual({ retryAfter: 45 });
    expect(readRateLimit([['x-ratelimit-remaining', 'lots']], now)).toEqual({});
  });

  it('parses an RFC 8288 Link header into first/prev/next/last with X-Total-Count', () => {
    const pagination = readPagination(
      [
        ['link', link],
        ['x-total-count', '60'],
      ],
      'http://localhost:3140/sandbox/v1/projects?page=2',
    );
    expect(pagination).toMatchObject({ total: 60, next: 'http://localhost:3140/sandbox/v1/projects?page=3&limit=25' });
    expect(pageOf(pagination?.prev)).toBe(1);
    expect(pageOf(pagination?.last)).toBe(3);
  });

  it('resolves relative link targets and survives a broken Link header', () => {
    expect(
      readPagination([['Link', '</v1/projects?page=2>; rel="next"']], 'https://api.aethex.dev/v1/projects')?.next,
    ).toBe('https://api.aethex.dev/v1/projects?page=2');
    expect(readPagination([['Link', 'garbage <<<']], 'https://api.aethex.dev/')).toEqual({});
    expect(readPagination([['content-type', 'application/json']], 'https://api.aethex.dev/')).toBeUndefined();
  });

  it('detects idempotent replays', () => {
    expect(isReplayed([['idempotent-replayed', 'true']])).toBe(true);
    expect(isReplayed([['idempotent-replayed', 'false']])).toBe(false);
    expect(isReplayed([])).toBe(false);
  });
});
