import type { SandboxStore } from './store';

interface Window {
  start: number;
  count: number;
  windowMs: number;
  dirty: boolean;
}

/**
 * Fixed rate-limit windows counted in memory and written to SQLite (`rate_windows`) in one transaction per flush.
 * Why: counting in SQLite cost one write transaction per request, the largest single cost of the hot path. A window
 * missing from memory is loaded from the database first, so after a restart a subject continues its window; at
 * most the counts of the last flush interval (default 1 s) are lost in a crash. Windows are per process: two
 * processes sharing one database file each count their own requests (the portal runs one).
 */
export class RateWindows {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly store: SandboxStore) {}

  private load(subject: string, windowMs: number): Window | undefined {
    let window = this.windows.get(subject);
    if (!window) {
      const row = this.store.peek(subject);
      if (row) {
        window = { start: row.window_start, count: row.count, windowMs, dirty: false };
        this.windows.set(subject, window);
      }
    }
    return window;
  }

  /**
   * Counts one request in the subject's fixed window (which starts at the subject's first request).
   * @param now - epoch ms; @param windowMs - window length in ms.
   * @returns the window start (epoch ms) and the count including this request.
   */
  hit(subject: string, now: number, windowMs: number): { window_start: number; count: number } {
    let window = this.load(subject, windowMs);
    if (!window || now >= window.start + windowMs) {
      window = { start: now, count: 0, windowMs, dirty: true };
      this.windows.set(subject, window);
    }
    window.count += 1;
    window.windowMs = windowMs;
    window.dirty = true;
    return { window_start: window.start, count: window.count };
  }

  /** The subject's current window without counting, or undefined. */
  peek(subject: string): { window_start: number; count: number } | undefined {
    const window = this.windows.get(subject);
    if (window) return { window_start: window.start, count: window.count };
    return this.store.peek(subject);
  }

  /** Forgets a subject (its tenant was purged); the database row is deleted by the purge itself. */
  forget(subject: string): void {
    this.windows.delete(subject);
  }

  /**
   * Writes every changed window in one transaction and drops windows that ended before `now` from memory (they are
   * in the database, and an ended window restarts on the next request anyway), so memory holds only live windows.
   * @returns the number of windows written.
   */
  flush(now: number): number {
    const dirty: { subject: string; window_start: number; count: number }[] = [];
    for (const [subject, window] of this.windows) {
      if (window.dirty) {
        dirty.push({ subject, window_start: window.start, count: window.count });
        window.dirty = false;
      }
      if (now >= window.start + window.windowMs) this.windows.delete(subject);
    }
    if (dirty.length > 0) this.store.saveRateWindows(dirty);
    return dirty.length;
  }

  /** Number of windows held in memory (tests check it stays bounded). */
  get size(): number {
    return this.windows.size;
  }
}
