/**
 * The forwards sandbox:listen runs at once. A `forward` event starts a POST to the local receiver that may take up to
 * its timeout (15 s); without a cap a stream of events (a burst of emits, or a hostile --base-url) opens a connection
 * and holds a payload per event, without bound.
 */

/** Forwards running at once: enough that one slow answer does not hold back the rest, few enough for a dev server. */
export const MAX_FORWARDS_RUNNING = 8;
/** Forwards waiting, in arrival order: a burst the size of an app's message cap (1,000) fits. */
export const MAX_FORWARDS_WAITING = 1000;
/** Payload bytes waiting (UTF-16 length of the event data): 1,000 events of up to 1 MiB must not all be held. */
export const MAX_WAITING_BYTES = 16 * 1024 * 1024;

/** A task and the bytes it holds while it waits. */
interface Waiting {
  run: () => Promise<void>;
  bytes: number;
}

/** Runs at most MAX_FORWARDS_RUNNING tasks at once; the rest wait and start in the order they were offered. */
export class ForwardQueue {
  private running = 0;
  private waiting: Waiting[] = [];
  private waitingBytes = 0;

  /**
   * Starts `run` now if fewer than MAX_FORWARDS_RUNNING are running, else queues it.
   * @param run the forward; it must not reject (a rejection is ignored so the queue keeps going)
   * @param bytes what it holds while waiting (its payload), counted toward MAX_WAITING_BYTES
   * @returns false when the queue is full (MAX_FORWARDS_WAITING tasks or MAX_WAITING_BYTES): `run` is dropped
   */
  offer(run: () => Promise<void>, bytes: number): boolean {
    if (this.running < MAX_FORWARDS_RUNNING) return (this.start(run), true);
    if (this.waiting.length >= MAX_FORWARDS_WAITING || this.waitingBytes + bytes > MAX_WAITING_BYTES) return false;
    this.waiting.push({ run, bytes });
    this.waitingBytes += bytes;
    return true;
  }

  /** Drops every waiting task (on Ctrl-C: nothing new starts); running ones finish on their own. */
  clear(): void {
    this.waiting = [];
    this.waitingBytes = 0;
  }

  private start(run: () => Promise<void>): void {
    this.running += 1;
    void run()
      .catch(() => undefined)
      .finally(() => {
        this.running -= 1;
        const next = this.waiting.shift();
        if (!next) return;
        this.waitingBytes -= next.bytes;
        this.start(next.run);
      });
  }
}
