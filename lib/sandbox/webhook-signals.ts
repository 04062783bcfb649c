import { EventEmitter } from 'node:events';

/**
 * In-process signals of one sandbox instance: the delivery worker woken at once after an emit or replay, and a
 * tenant's inbox streams woken at once after one of its deliveries changed here. Other instances learn the same from
 * the database (the worker's scan, the streams' change feed), within their poll intervals.
 */
export class WebhookSignals {
  private readonly emitter = new EventEmitter();
  private worker: () => void = () => undefined;
  private readonly streams = new Map<string, number>();
  private ending = false;

  constructor() {
    // Up to LIMITS.webhooks.streamsPerApp listeners per tenant, any number of tenants.
    this.emitter.setMaxListeners(0);
  }

  /** Sets what wakeWorker runs (the instance's worker, once started). */
  onWake(run: () => void): void {
    this.worker = run;
  }

  /** Wakes the delivery worker now. */
  wakeWorker(): void {
    this.worker();
  }

  /** Tells the tenant's streams on this instance that its change feed grew. */
  changed(tenantId: string): void {
    this.emitter.emit(tenantId);
  }

  /**
   * Calls `listener` whenever the tenant's change feed grows on this instance.
   * @returns a function removing the listener.
   */
  onChange(tenantId: string, listener: () => void): () => void {
    this.emitter.on(tenantId, listener);
    return () => this.emitter.off(tenantId, listener);
  }

  /**
   * Takes one of a tenant's `max` inbox stream slots on this instance.
   * @returns a function giving it back (idempotent), or undefined when all are taken.
   */
  takeStream(tenantId: string, max: number): (() => void) | undefined {
    const open = this.streams.get(tenantId) ?? 0;
    if (open >= max) return undefined;
    this.streams.set(tenantId, open + 1);
    let given = false;
    return () => {
      if (given) return;
      given = true;
      const left = (this.streams.get(tenantId) ?? 1) - 1;
      if (left > 0) this.streams.set(tenantId, left);
      else this.streams.delete(tenantId);
    };
  }

  /**
   * Ends every inbox stream of this instance, now and from now on (a server shutting down: `next start` waits for
   * open responses before it exits, and a stream never ends by itself).
   */
  endStreams(): void {
    this.ending = true;
    this.emitter.emit(END);
  }

  /**
   * Calls `listener` once when the streams must end (at once if they already must).
   * @returns a function removing the listener.
   */
  onEnd(listener: () => void): () => void {
    if (this.ending) {
      listener();
      return () => undefined;
    }
    this.emitter.once(END, listener);
    return () => this.emitter.off(END, listener);
  }
}

/** The event name of endStreams (a symbol: never a tenant ID). */
const END = Symbol('end streams');
