/**
 * The calls of one thread waiting on a ThreadQueue (its getters, putters or joiners), in
 * FIFO order, each a promise to settle plus what the call carries (the item to put, the
 * sequence number a join started from).
 *
 * A waiter leaves the list exactly once: settled by the queue (`shift`, `drain`) or
 * aborted through its signal (`remove`, done by the abort listener). Both happen
 * synchronously on this thread, so a waiter is never settled twice and an item handed to
 * a waiter is never also rejected.
 */

/** One waiting call. */
import type { Abortable } from "../../core/internal/wait-signal.ts";
export class Waiter<V, P> {
  prev: Waiter<V, P> | null = null;
  next: Waiter<V, P> | null = null;
  /** Detaches the abort listener, if any. */
  cleanup: (() => void) | null = null;

  readonly resolve: (value: V) => void;
  readonly reject: (reason: unknown) => void;
  readonly payload: P;

  constructor(resolve: (value: V) => void, reject: (reason: unknown) => void, payload: P) {
    this.resolve = resolve;
    this.reject = reject;
    this.payload = payload;
  }
}

/** A doubly linked FIFO of waiters: O(1) push, shift and removal from the middle. */
export class WaiterList<V, P> {
  private head: Waiter<V, P> | null = null;
  private tail: Waiter<V, P> | null = null;
  /** Number of waiters in the list. */
  size = 0;

  /** The oldest waiter, or null. */
  first(): Waiter<V, P> | null {
    return this.head;
  }

  /** Creates a waiter and appends it; its promise rejects with `signal.reason` on abort. */
  wait(payload: P, signal: Abortable | undefined, onAbort: () => void): Promise<V> {
    return new Promise<V>((resolve, reject) => {
      const waiter = new Waiter<V, P>(resolve, reject, payload);
      this.append(waiter);
      if (signal === undefined) return;
      const abort = (): void => {
        this.unlink(waiter);
        reject(signal.reason);
        onAbort();
      };
      signal.addEventListener("abort", abort, { once: true });
      waiter.cleanup = () => signal.removeEventListener("abort", abort);
    });
  }

  /** Removes the oldest waiter and resolves it with `value`. */
  resolveFirst(value: V): void {
    const waiter = this.head;
    if (waiter === null) return;
    this.unlink(waiter);
    waiter.resolve(value);
  }

  /** Removes `waiter` (not necessarily the oldest) and resolves it with `value`. */
  resolve(waiter: Waiter<V, P>, value: V): void {
    this.unlink(waiter);
    waiter.resolve(value);
  }

  /** Removes every waiter and rejects it with a fresh error from `makeError`. */
  rejectAll(makeError: () => unknown): void {
    while (this.head !== null) {
      const waiter = this.head;
      this.unlink(waiter);
      waiter.reject(makeError());
    }
  }

  private append(waiter: Waiter<V, P>): void {
    waiter.prev = this.tail;
    if (this.tail === null) this.head = waiter;
    else this.tail.next = waiter;
    this.tail = waiter;
    this.size++;
  }

  private unlink(waiter: Waiter<V, P>): void {
    if (waiter.prev === null) this.head = waiter.next;
    else waiter.prev.next = waiter.next;
    if (waiter.next === null) this.tail = waiter.prev;
    else waiter.next.prev = waiter.prev;
    waiter.prev = waiter.next = null;
    this.size--;
    if (waiter.cleanup !== null) {
      waiter.cleanup();
      waiter.cleanup = null;
    }
  }
}
