import { LIMITS } from './config';
import type { Runtime } from './runtime';

/** The background work of a sandbox: purging expired tenants and flushing rate-limit windows. */
export interface Housekeeping {
  /** Deletes expired tenants now, synchronously; returns how many. */
  purge(): number;
  /** Deletes expired tenants in short transactions, yielding to the event loop between them; resolves to how many. */
  purgeInBackground(): Promise<number>;
  /** Stops both timers and writes the rate-limit windows still in memory. */
  stop(): void;
}

/**
 * Starts the unref'd timers of a sandbox: a purge of expired tenants every `purgeIntervalMs` (0: none) in batches of
 * LIMITS.purgeRowBatch rows, and a flush of the in-memory rate-limit windows every LIMITS.rateFlushMs.
 * A busy database (SQLITE_BUSY from another process) fails one round; the next one catches up.
 */
export function startHousekeeping(rt: Runtime, purgeIntervalMs: number): Housekeeping {
  const { store, rates, now } = rt;
  const purgeStep = (id: string): boolean => {
    rates.forget(`tenant:${id}`);
    return store.purgeTenantStep(id, LIMITS.purgeRowBatch).done;
  };
  const purgeStale = () => store.purgeStale(now(), LIMITS.purgeRowBatch, LIMITS.idempotencySeconds * 1000);
  const purge = (): number => {
    const ids = store.expiredTenants(now(), LIMITS.purgeBatch);
    for (const id of ids) while (!purgeStep(id));
    purgeStale();
    return ids.length;
  };
  const purgeInBackground = async (): Promise<number> => {
    const ids = store.expiredTenants(now(), LIMITS.purgeBatch);
    for (const id of ids) {
      // Each step is one short transaction; requests queued meanwhile run between steps.
      while (!purgeStep(id)) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    purgeStale();
    return ids.length;
  };
  let purging = false;
  const timer =
    purgeIntervalMs > 0
      ? setInterval(() => {
          if (purging) return;
          purging = true;
          purgeInBackground()
            .catch(() => undefined)
            .finally(() => {
              purging = false;
            });
        }, purgeIntervalMs)
      : undefined;
  timer?.unref();
  const flush = () => {
    try {
      rates.flush(now());
    } catch {
      // A busy database keeps the windows dirty in memory; the next flush writes them.
    }
  };
  const flushTimer = setInterval(flush, LIMITS.rateFlushMs);
  flushTimer.unref();
  return {
    purge,
    purgeInBackground,
    stop: () => {
      if (timer) clearInterval(timer);
      clearInterval(flushTimer);
      if (store.db.open) flush();
    },
  };
}
