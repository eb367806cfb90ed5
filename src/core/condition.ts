/**
 * `Condition`: asyncio's `asyncio.Condition`, a lock plus a queue of tasks waiting to be
 * notified.
 *
 * `wait()` releases the lock, waits for `notify`, then re-acquires the lock before it
 * returns or throws, even when aborted (asyncio re-acquires on cancellation too). A waiter
 * that fails after it may have been notified passes one notification on, so a `notify(1)`
 * is never swallowed; the cost is a possible spurious wake-up, which the condition-variable
 * contract allows (hence `waitFor` re-checks its predicate).
 */
import { InvalidStateError } from "./errors.ts";
import { waitSignal } from "./internal/wait-signal.ts";
import { Waiter, WaiterQueue } from "./internal/waiter.ts";
import { Lock } from "./lock.ts";
import type { WaitOptions } from "./queue.ts";
import type { Releaser } from "./releaser.ts";

/**
 * Lets tasks wait, holding a shared lock, until another task notifies them that the state
 * they wait for may have changed.
 *
 * @example
 * const cond = new Condition();
 * const items: string[] = [];
 * async function consume() {
 *   using _ = await cond.acquire();
 *   await cond.waitFor(() => items.length > 0);
 *   return items.shift();
 * }
 * async function produce(x: string) {
 *   using _ = await cond.acquire();
 *   items.push(x);
 *   cond.notify();
 * }
 */
export class Condition {
  private readonly lock: Lock;
  private readonly waiters = new WaiterQueue();

  /** @param lock the lock to use; a new `Lock` if omitted. */
  constructor(lock?: Lock) {
    if (lock !== undefined && !(lock instanceof Lock)) {
      throw new TypeError("Condition: lock must be a Lock from conveyor");
    }
    this.lock = lock ?? new Lock();
  }

  /** Acquires the underlying lock (see `Lock.acquire`). */
  acquire(options?: WaitOptions): Promise<Releaser> {
    return this.lock.acquire(options);
  }

  /** Releases the underlying lock. */
  release(): void {
    this.lock.release();
  }

  /** True if the underlying lock is held. */
  locked(): boolean {
    return this.lock.locked();
  }

  /**
   * Releases the lock, waits until notified, re-acquires the lock and resolves to `true`.
   * The lock must be held. If aborted, still re-acquires the lock, then rejects with
   * `signal.reason`.
   */
  async wait(options?: WaitOptions): Promise<true> {
    const signal = waitSignal(options, "Condition", "wait");
    if (!this.locked()) throw new InvalidStateError("cannot wait on un-acquired lock");
    if (signal !== undefined && signal.aborted) throw signal.reason; // the lock stays held
    this.release();
    let failure: { reason: unknown } | undefined;
    try {
      const waiter = new Waiter(signal);
      this.waiters.push(waiter);
      try {
        await waiter.promise;
      } finally {
        this.waiters.remove(waiter);
      }
      if (signal !== undefined && signal.aborted) throw signal.reason;
    } catch (reason) {
      failure = { reason };
    }
    // The lock must be held again whatever happened: this acquire cannot be aborted, not
    // even by the enclosing scope.
    await this.lock.acquire({ signal: null });
    // Aborted while re-acquiring: asyncio re-raises that CancelledError once it holds the lock.
    if (failure === undefined && signal !== undefined && signal.aborted) failure = { reason: signal.reason };
    if (failure !== undefined) {
      // We may have been notified before failing: hand that notification on.
      this.notifyWaiters(1);
      throw failure.reason;
    }
    return true;
  }

  /**
   * Waits until `predicate()` is truthy, re-checking after every notification, and
   * resolves to its value. The lock must be held.
   */
  async waitFor<R>(predicate: () => R, options?: WaitOptions): Promise<R> {
    let result = predicate();
    while (!result) {
      await this.wait(options);
      result = predicate();
    }
    return result;
  }

  /** Wakes up to `n` waiting tasks (default 1). The lock must be held. */
  notify(n = 1): void {
    if (!this.locked()) throw new InvalidStateError("cannot notify on un-acquired lock");
    this.notifyWaiters(n);
  }

  /** Wakes every waiting task. The lock must be held. */
  notifyAll(): void {
    this.notify(this.waiters.size);
  }

  private notifyWaiters(n: number): void {
    this.waiters.wakePending(n);
  }
}
