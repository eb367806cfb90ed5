/**
 * `Semaphore` and `BoundedSemaphore`: asyncio's, with its FIFO rules.
 *
 * State: `value` (free slots) and a FIFO of waiters, which stay queued from `acquire`
 * until they resume. A release that finds a pending waiter reserves the slot for it
 * (`value` is decremented on its behalf) and wakes it. `acquire` takes a slot at once only
 * when none is reserved and nobody waits (`locked()` is false), so a burst of newcomers
 * cannot overtake the queue. A waiter aborted after its slot was reserved gives it back.
 */
import { InvalidStateError } from "./errors.ts";
import { describe } from "./internal/describe.ts";
import { waitSignal, type Abortable } from "./internal/wait-signal.ts";
import { Waiter, WaiterQueue } from "./internal/waiter.ts";
import type { WaitOptions } from "./queue.ts";
import { releaserFor, type Releaser } from "./releaser.ts";

/**
 * A counter of free slots: `acquire` takes one (waiting while none is free), `release`
 * returns one. Limits how many tasks run a section at once.
 *
 * @example
 * const sem = new Semaphore(2); // at most two at a time
 * async function worker(name: string) {
 *   using _ = await sem.acquire();
 *   console.log(`${name} started`);
 *   await setTimeout(1000);
 *   console.log(`${name} finished`);
 * }
 * await Promise.all(["Task 1", "Task 2", "Task 3"].map(worker));
 */
export class Semaphore {
  protected value: number;
  private readonly waiters = new WaiterQueue();

  /** @param value the number of free slots, a non-negative integer (default 1). */
  constructor(value = 1) {
    if (typeof value !== "number" || Number.isNaN(value)) {
      throw new TypeError(`${new.target.name}: value must be a number, got ${describe(value)}`);
    }
    if (value < 0 || !Number.isInteger(value)) {
      throw new RangeError(`${new.target.name}: value must be an integer >= 0, got ${value}`);
    }
    this.value = value;
  }

  /** True if `acquire` would wait: no free slot, or others are already waiting. */
  locked(): boolean {
    return this.value === 0 || this.waiters.hasUncancelled();
  }

  /**
   * Takes a slot, waiting in FIFO order while none is free. Resolves to a releaser (for
   * `using`); rejects with `signal.reason` if aborted first, taking nothing.
   */
  acquire(options?: WaitOptions): Promise<Releaser> {
    let signal: Abortable | undefined;
    try {
      signal = waitSignal(options, this.constructor.name, "acquire");
    } catch (err) {
      return Promise.reject(err);
    }
    if (signal !== undefined && signal.aborted) return Promise.reject(signal.reason);
    if (!this.locked()) {
      this.value--;
      return Promise.resolve(releaserFor(this));
    }
    return this.acquireWhenFree(signal);
  }

  /** Returns a slot and wakes the first waiter, if any. */
  release(): void {
    this.value++;
    this.wakeUpNext();
  }

  private async acquireWhenFree(signal: Abortable | undefined): Promise<Releaser> {
    const waiter = new Waiter(signal);
    this.waiters.push(waiter);
    try {
      try {
        await waiter.promise;
      } finally {
        this.waiters.remove(waiter);
      }
      if (signal !== undefined && signal.aborted) {
        // Our slot was reserved by wakeUpNext, but we will not take it: give it back.
        this.value++;
        throw signal.reason;
      }
    } finally {
      // Newcomers may have queued behind us while slots were free: wake as many as fit.
      while (this.value > 0 && this.wakeUpNext());
    }
    return releaserFor(this);
  }

  /** Wakes the first pending waiter, reserving a slot for it. */
  private wakeUpNext(): boolean {
    const waiter = this.waiters.firstPending();
    if (waiter === undefined) return false;
    this.value--;
    waiter.wake();
    return true;
  }
}

/**
 * A semaphore that throws if released more times than it was acquired, which catches
 * the bug of releasing a slot twice.
 *
 * @example
 * const sem = new BoundedSemaphore(1);
 * const slot = await sem.acquire();
 * slot.release();
 * sem.release(); // throws InvalidStateError
 */
export class BoundedSemaphore extends Semaphore {
  private readonly bound: number;

  constructor(value = 1) {
    super(value);
    this.bound = value;
  }

  /** Returns a slot; throws `InvalidStateError` if that would exceed the initial value. */
  override release(): void {
    if (this.value >= this.bound) throw new InvalidStateError("BoundedSemaphore released too many times");
    super.release();
  }
}
