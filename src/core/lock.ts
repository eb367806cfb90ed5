/**
 * `Lock`: asyncio's `asyncio.Lock`, a fair mutual-exclusion lock.
 *
 * State: `held`, and a FIFO of waiters. `release()` does not hand the lock over: it marks
 * the lock free and wakes the first waiter, which takes it when it resumes. Until then
 * `locked()` is false, yet a newcomer still queues behind the woken waiter, because
 * `acquire` only takes the lock at once when nobody is waiting (asyncio's fairness rule).
 * A waiter aborted after being woken wakes the next one instead.
 */
import { InvalidStateError } from "./errors.ts";
import { waitSignal, type Abortable } from "./internal/wait-signal.ts";
import { PENDING, Waiter, WaiterQueue } from "./internal/waiter.ts";
import type { WaitOptions } from "./queue.ts";
import { releaserFor, type Releaser } from "./releaser.ts";

/**
 * A mutual-exclusion lock for tasks on one event loop; waiters get it in arrival order.
 *
 * @example
 * const lock = new Lock();
 * async function worker(name: string) {
 *   using _ = await lock.acquire(); // released when the block ends
 *   console.log(`${name} started`);
 *   await setTimeout(1000);
 *   console.log(`${name} finished`);
 * }
 * await Promise.all([worker("Task 1"), worker("Task 2")]);
 */
export class Lock {
  private held = false;
  private readonly waiters = new WaiterQueue();

  /** True if the lock is held. */
  locked(): boolean {
    return this.held;
  }

  /**
   * Waits until the lock is free and takes it. Resolves to a releaser (for `using`);
   * rejects with `signal.reason` if aborted first, leaving the lock untouched.
   */
  acquire(options?: WaitOptions): Promise<Releaser> {
    let signal: Abortable | undefined;
    try {
      signal = waitSignal(options, "Lock", "acquire");
    } catch (err) {
      return Promise.reject(err);
    }
    if (signal !== undefined && signal.aborted) return Promise.reject(signal.reason);
    if (!this.held && !this.waiters.hasUncancelled()) {
      this.held = true;
      return Promise.resolve(releaserFor(this));
    }
    return this.acquireWhenFree(signal);
  }

  /** Releases the lock; throws `InvalidStateError` if it is not held. */
  release(): void {
    if (!this.held) throw new InvalidStateError("Lock is not acquired");
    this.held = false;
    this.wakeUpFirst();
  }

  private async acquireWhenFree(signal: Abortable | undefined): Promise<Releaser> {
    const waiter = new Waiter(signal);
    this.waiters.push(waiter);
    try {
      await waiter.promise;
    } catch (reason) {
      this.waiters.remove(waiter);
      if (!this.held) this.wakeUpFirst();
      throw reason;
    }
    this.waiters.remove(waiter);
    if (signal !== undefined && signal.aborted) {
      // Woken, then aborted before we resumed: the lock is free; pass it on.
      if (!this.held) this.wakeUpFirst();
      throw signal.reason;
    }
    this.held = true;
    return releaserFor(this);
  }

  private wakeUpFirst(): void {
    const first = this.waiters.first();
    if (first !== undefined && first.state === PENDING) first.wake();
  }
}
