/**
 * `Event`: asyncio's `asyncio.Event`, a flag tasks can wait on.
 */
import { waitSignal, type Abortable } from "./internal/wait-signal.ts";
import { Waiter, WaiterQueue } from "./internal/waiter.ts";
import type { WaitOptions } from "./queue.ts";

/**
 * A flag, initially false. `wait()` resolves once it is set; `set()` wakes every waiter;
 * `clear()` makes later `wait()` calls wait again.
 *
 * @example
 * const ready = new Event();
 * setTimeout(() => ready.set(), 100);
 * await ready.wait();
 */
export class Event {
  private flag = false;
  private readonly waiters = new WaiterQueue();

  /** True if the flag is set. */
  isSet(): boolean {
    return this.flag;
  }

  /** Sets the flag and wakes every waiter. */
  set(): void {
    if (this.flag) return;
    this.flag = true;
    this.waiters.wakeAll();
  }

  /** Resets the flag. */
  clear(): void {
    this.flag = false;
  }

  /** Resolves to `true` once the flag is set (at once if it is); rejects with `signal.reason` if aborted first. */
  wait(options?: WaitOptions): Promise<true> {
    let signal: Abortable | undefined;
    try {
      signal = waitSignal(options, "Event", "wait");
    } catch (err) {
      return Promise.reject(err);
    }
    if (signal !== undefined && signal.aborted) return Promise.reject(signal.reason);
    if (this.flag) return Promise.resolve(true);
    const waiter = new Waiter(signal);
    this.waiters.push(waiter);
    return waiter.promise.then(
      () => {
        // Set, then aborted before we resumed: asyncio raises CancelledError here too.
        if (signal !== undefined && signal.aborted) throw signal.reason;
        return true as const;
      },
      (reason: unknown) => {
        this.waiters.remove(waiter);
        throw reason;
      },
    );
  }
}
