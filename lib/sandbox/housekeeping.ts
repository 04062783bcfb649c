import { LIMITS } from './config';
import type { Runtime } from './runtime';

/**
 * Deletes expired tenants (LIMITS.purgeBatch a round, each in short transactions of LIMITS.purgeRowBatch rows;
 * requests run between them), then expired tokens, codes, tickets, idempotency records and idle rate windows.
 * Safe to run on every instance at once (SandboxStore.purgeTenantStep): a tenant another instance is purging is
 * skipped, and each tenant is counted by the instance that deleted its row.
 * @returns the number of tenants this call deleted.
 */
export async function purgeExpired(rt: Runtime): Promise<number> {
  const { store, now } = rt;
  let purged = 0;
  for (const id of await store.expiredTenants(now(), LIMITS.purgeBatch)) {
    for (;;) {
      const step = await store.purgeTenantStep(id, LIMITS.purgeRowBatch);
      if (step.state === 'done') purged += 1;
      if (step.state !== 'more') break;
      // better-sqlite3 answers synchronously, so its promises resolve as microtasks and a loop of steps would never
      // let a request (a macrotask) in: yield to the event loop between steps.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  await store.purgeStale(now(), LIMITS.purgeRowBatch, LIMITS.idempotencySeconds * 1000);
  return purged;
}

/**
 * Runs purgeExpired every `intervalMs` on an unref'd timer (0: never), one round at a time. A failed round (the
 * database busy or unreachable) is left to the next one.
 * @returns a function that stops the timer.
 */
export function startPurgeTimer(rt: Runtime, intervalMs: number): () => void {
  if (intervalMs <= 0) return () => undefined;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    purgeExpired(rt)
      .catch(() => undefined)
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
