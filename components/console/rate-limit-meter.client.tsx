'use client';

import { readRateLimit, type HeaderList } from '@/lib/console/headers';
import { backoffSchedule, formatCountdown, secondsLeft } from '@/lib/console/time';

import { useNow } from './use-console';

/**
 * Rate limit as a meter (remaining / limit) with the window's reset countdown; on 429/503 the
 * Retry-After countdown and the backoff schedule a client should follow.
 * @param props.receivedAt epoch ms the response arrived (Retry-After counts from then)
 */
export function RateLimitMeter({
  headers,
  receivedAt,
  status,
}: {
  headers: HeaderList;
  receivedAt: number;
  status: number;
}) {
  const now = useNow();
  const limit = readRateLimit(headers, receivedAt);
  const retryLeft = limit.retryAfter === undefined ? undefined : secondsLeft(receivedAt + limit.retryAfter * 1000, now);
  return (
    <div className="rounded-lg bg-zinc-50 p-3 text-sm dark:bg-zinc-900" aria-label="Rate limit">
      {limit.limit !== undefined && limit.remaining !== undefined ? (
        <>
          <label htmlFor="rate-meter" className="font-medium">
            Rate limit: <span data-testid="rate-remaining">{limit.remaining}</span> of {limit.limit} requests left
          </label>
          <meter
            id="rate-meter"
            className="mt-1 block h-3 w-full"
            min={0}
            max={limit.limit}
            low={limit.limit * 0.2}
            optimum={limit.limit}
            value={limit.remaining}
          />
        </>
      ) : (
        <p>No rate-limit headers on this response (or the server does not expose them to this origin).</p>
      )}
      {limit.resetAt !== undefined ? (
        <p className="mt-1">
          Window resets in <span className="font-mono">{formatCountdown(secondsLeft(limit.resetAt * 1000, now))}</span>
        </p>
      ) : null}
      {retryLeft !== undefined && (status === 429 || status === 503) ? (
        <div
          role="status"
          className="mt-2 rounded border border-amber-300 bg-amber-50 p-2 text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-50"
        >
          <p className="font-medium">
            {retryLeft > 0 ? (
              <>
                Retry after{' '}
                <span className="font-mono" data-testid="retry-countdown">
                  {formatCountdown(retryLeft)}
                </span>
              </>
            ) : (
              'You may retry now'
            )}{' '}
            (Retry-After: {limit.retryAfter} s)
          </p>
          <p className="mt-1">
            Backoff advice: wait at least Retry-After, then retry with exponential backoff and jitter, e.g. after{' '}
            {backoffSchedule(limit.retryAfter ?? 1)
              .map((s) => `${s} s`)
              .join(', ')}{' '}
            (each randomised between half and all of it).
          </p>
        </div>
      ) : null}
    </div>
  );
}
