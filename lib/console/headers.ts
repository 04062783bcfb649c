/**
 * Reads the response headers that matter to a developer: rate limit (X-RateLimit-*, Retry-After),
 * pagination (RFC 8288 Link via http-link-header, X-Total-Count), request ID and idempotent replay.
 * Header names are compared case-insensitively (RFC 9110 §5.1).
 */
import LinkHeader from 'http-link-header';

/** Response headers as received: `[name, value]` pairs in arrival order. */
export type HeaderList = readonly (readonly [string, string])[];

/** The value of a header (case-insensitive name), or undefined. */
export function headerValue(headers: HeaderList, name: string): string | undefined {
  const lower = name.toLowerCase();
  return headers.find(([key]) => key.toLowerCase() === lower)?.[1];
}

function integer(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) return undefined;
  return Number(value);
}

/** Rate-limit state of one response. `resetAt` is Unix epoch seconds; `retryAfter` is seconds. */
export interface RateLimit {
  readonly limit?: number;
  readonly remaining?: number;
  readonly resetAt?: number;
  readonly retryAfter?: number;
}

/**
 * Reads X-RateLimit-Limit / -Remaining / -Reset (epoch seconds) and Retry-After (RFC 9110 §10.2.3:
 * delay-seconds, or an HTTP-date converted to seconds from `nowMs`).
 * @returns fields that were present and numeric; absent or malformed ones are omitted.
 */
export function readRateLimit(headers: HeaderList, nowMs: number): RateLimit {
  const retry = headerValue(headers, 'Retry-After');
  let retryAfter = integer(retry);
  if (retryAfter === undefined && retry) {
    const date = Date.parse(retry);
    if (!Number.isNaN(date)) retryAfter = Math.max(0, Math.ceil((date - nowMs) / 1000));
  }
  const result: { -readonly [K in keyof RateLimit]: RateLimit[K] } = {};
  const limit = integer(headerValue(headers, 'X-RateLimit-Limit'));
  const remaining = integer(headerValue(headers, 'X-RateLimit-Remaining'));
  const resetAt = integer(headerValue(headers, 'X-RateLimit-Reset'));
  if (limit !== undefined) result.limit = limit;
  if (remaining !== undefined) result.remaining = remaining;
  if (resetAt !== undefined) result.resetAt = resetAt;
  if (retryAfter !== undefined) result.retryAfter = retryAfter;
  return result;
}

/** Pagination links of a response (absolute URLs) and the total item count. */
export interface Pagination {
  readonly first?: string;
  readonly prev?: string;
  readonly next?: string;
  readonly last?: string;
  readonly total?: number;
}

const RELATIONS = ['first', 'prev', 'next', 'last'] as const;

/**
 * Parses an RFC 8288 `Link` header and `X-Total-Count`. Relative targets are resolved against
 * `requestUrl`. A malformed Link header yields no links rather than an error.
 * @returns undefined when the response has neither header.
 */
export function readPagination(headers: HeaderList, requestUrl: string): Pagination | undefined {
  const link = headerValue(headers, 'Link');
  const total = integer(headerValue(headers, 'X-Total-Count'));
  if (link === undefined && total === undefined) return undefined;
  const result: { -readonly [K in keyof Pagination]: Pagination[K] } = {};
  if (total !== undefined) result.total = total;
  if (link) {
    try {
      const parsed = LinkHeader.parse(link);
      for (const rel of RELATIONS) {
        const target = parsed.rel(rel)[0]?.uri;
        if (target) result[rel] = new URL(target, requestUrl).toString();
      }
    } catch {
      // A broken Link header is shown raw in the header table; the buttons just stay hidden.
    }
  }
  return result;
}

/** The page number a pagination URL points at (its `page` query parameter), or undefined. */
export function pageOf(url: string | undefined): number | undefined {
  if (!url) return undefined;
  return integer(new URL(url).searchParams.get('page') ?? undefined);
}

/** True when the response is a stored idempotent replay (`Idempotent-Replayed: true`). */
export function isReplayed(headers: HeaderList): boolean {
  return headerValue(headers, 'Idempotent-Replayed')?.trim().toLowerCase() === 'true';
}
