import { RingBuffer } from "./ring-buffer.ts";
import type { CancelScope, ScopeLink } from "../cancel-scope.ts";
import type { Abortable } from "./wait-signal.ts";

/**
 * A suspended caller of a primitive (a getter, putter, lock or event waiter), the
 * equivalent of the future asyncio parks a coroutine on.
 *
 * States: PENDING → WOKEN (the primitive resolved it) or PENDING → CANCELLED (its signal
 * aborted first). Both are final. A waiter whose signal aborts after it was WOKEN but
 * before its caller resumed stays WOKEN; the caller notices `signal.aborted` when it
 * resumes and hands the wake-up on, exactly as asyncio's `Queue.get` does when a task is
 * cancelled between being woken and running.
 */
export const PENDING = 0;
export const WOKEN = 1;
export const CANCELLED = 2;
export type WaiterState = typeof PENDING | typeof WOKEN | typeof CANCELLED;

export class Waiter implements Wakeable, ScopeLink {
  state: WaiterState = PENDING;
  // Links of the cancellation scope it may be parked under (see ../cancel-scope.ts).
  scopeOwner: CancelScope | undefined = undefined;
  scopePrev: ScopeLink | undefined = undefined;
  scopeNext: ScopeLink | undefined = undefined;
  /** Set when a WaiterQueue no longer holds it (lazy removal, see WaiterQueue). */
  removed = false;
  readonly promise: Promise<void>;
  private settle!: () => void;
  private fail!: (reason: unknown) => void;
  private readonly signal: Abortable | undefined;

  constructor(signal?: Abortable) {
    this.promise = new Promise<void>((resolve, reject) => {
      this.settle = resolve;
      this.fail = reject;
    });
    this.signal = signal;
    if (signal === undefined) return;
    // An abort event never fires for a signal that is already aborted.
    if (signal.aborted) this.handleEvent();
    // The waiter itself is the listener (handleEvent): no closure per wait.
    else signal.addEventListener("abort", this, { once: true });
  }

  /** Resolves a PENDING waiter; returns false if it was already woken or cancelled. */
  wake(): boolean {
    if (this.state !== PENDING) return false;
    this.state = WOKEN;
    if (this.signal !== undefined) this.signal.removeEventListener("abort", this);
    this.settle();
    return true;
  }

  /** The abort listener. */
  handleEvent(): void {
    if (this.state !== PENDING) return;
    this.state = CANCELLED;
    this.fail(this.signal!.reason);
  }
}

/**
 * A FIFO of waiters with O(1) removal from anywhere: removed waiters are flagged and
 * skipped, and the backing buffer is compacted once they outnumber the live ones, so a
 * stream of aborted waits (say, `timeout` around `get` on an idle queue) cannot grow it.
 */
/** What a WaiterQueue needs of a waiter. */
export interface Wakeable {
  state: WaiterState;
  removed: boolean;
  /** Wakes a PENDING waiter; false if it was already woken or cancelled. */
  wake(): boolean;
}

export class WaiterQueue<W extends Wakeable = Waiter> {
  private readonly items = new RingBuffer<W>();
  private removedCount = 0;

  /** Number of waiters still held (pending or woken-but-not-yet-removed). */
  get size(): number {
    return this.items.length - this.removedCount;
  }

  /** True if some held waiter was not cancelled (asyncio: `any(not w.cancelled() ...)`). */
  hasUncancelled(): boolean {
    if (this.size === 0) return false;
    for (let i = 0; i < this.items.length; i++) {
      const waiter = this.items.at(i);
      if (!waiter.removed && waiter.state !== CANCELLED) return true;
    }
    return false;
  }

  push(waiter: W): void {
    this.items.push(waiter);
  }

  /** The oldest waiter still held, without removing it. */
  first(): W | undefined {
    this.trimFront();
    return this.items.length > 0 ? this.items.peek() : undefined;
  }

  /** Removes `waiter` if it is still held. */
  remove(waiter: W): void {
    if (waiter.removed) return;
    waiter.removed = true;
    this.removedCount++;
    this.trimFront();
    if (this.removedCount > 32 && this.removedCount * 2 > this.items.length) {
      this.items.retain((w) => !w.removed);
      this.removedCount = 0;
    }
  }

  /**
   * asyncio's `_wakeup_next`: pops waiters from the front until one that is still
   * pending, and wakes it. Returns whether one was woken.
   */
  wakeNext(): boolean {
    while (this.items.length > 0) {
      const waiter = this.items.shift();
      if (waiter.removed) {
        this.removedCount--;
        continue;
      }
      waiter.removed = true;
      if (waiter.wake()) return true;
    }
    return false;
  }

  /** Wakes the first `n` pending waiters without removing them (Condition.notify). */
  wakePending(n: number): number {
    let woken = 0;
    for (let i = 0; i < this.items.length && woken < n; i++) {
      const waiter = this.items.at(i);
      if (!waiter.removed && waiter.wake()) woken++;
    }
    return woken;
  }

  /** The first waiter still pending, without removing it (Semaphore's wake-up scan). */
  firstPending(): W | undefined {
    for (let i = 0; i < this.items.length; i++) {
      const waiter = this.items.at(i);
      if (!waiter.removed && waiter.state === PENDING) return waiter;
    }
    return undefined;
  }

  /** Pops and wakes every waiter. */
  wakeAll(): void {
    while (this.items.length > 0) {
      const waiter = this.items.shift();
      if (!waiter.removed) {
        waiter.removed = true;
        waiter.wake();
      }
    }
    this.removedCount = 0;
  }

  private trimFront(): void {
    while (this.items.length > 0 && this.items.peek().removed) {
      this.items.shift();
      this.removedCount--;
    }
  }
}
