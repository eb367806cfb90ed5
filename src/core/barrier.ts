/**
 * `Barrier`: asyncio's `asyncio.Barrier` (Python 3.11+), a rendezvous of `parties` tasks.
 *
 * States: FILLING (tasks arrive and wait) → DRAINING (the last arrival released them;
 * newcomers wait until every released task has left) → FILLING again. `reset()` moves to
 * RESETTING (waiting tasks get BrokenBarrierError, then FILLING once they have left);
 * `abort()` moves to BROKEN for good (every wait, present and future, throws
 * BrokenBarrierError until `reset()`).
 */
import { Condition } from "./condition.ts";
import { BrokenBarrierError } from "./errors.ts";
import { describe } from "./internal/describe.ts";
import { waitSignal } from "./internal/wait-signal.ts";
import type { WaitOptions } from "./queue.ts";

type BarrierState = "filling" | "draining" | "resetting" | "broken";

/**
 * Makes `parties` tasks wait for each other: each `wait()` resolves once all have arrived.
 *
 * @example
 * const barrier = new Barrier(3);
 * const indexes = await Promise.all([barrier.wait(), barrier.wait(), barrier.wait()]);
 * // indexes is a permutation of [0, 1, 2]: the order of arrival
 */
export class Barrier {
  private readonly cond = new Condition();
  private readonly partyCount: number;
  private state: BarrierState = "filling";
  private count = 0;

  /** @param parties how many tasks must arrive, an integer >= 1. */
  constructor(parties: number) {
    if (typeof parties !== "number" || Number.isNaN(parties)) {
      throw new TypeError(`Barrier: parties must be a number, got ${describe(parties)}`);
    }
    if (parties < 1 || !Number.isInteger(parties)) {
      throw new RangeError(`Barrier: parties must be an integer >= 1, got ${parties}`);
    }
    this.partyCount = parties;
  }

  /** How many tasks must arrive for the barrier to release them. */
  get parties(): number {
    return this.partyCount;
  }

  /** How many tasks are waiting for the barrier to fill. */
  get nWaiting(): number {
    return this.state === "filling" ? this.count : 0;
  }

  /** True once `abort()` broke the barrier (until `reset()`). */
  get broken(): boolean {
    return this.state === "broken";
  }

  /**
   * Waits until `parties` tasks have called `wait()`, then resolves to this task's arrival
   * index (0 for the first). Rejects with `BrokenBarrierError` if the barrier is, or
   * becomes, broken or reset; with `signal.reason` if aborted.
   */
  async wait(options?: WaitOptions): Promise<number> {
    waitSignal(options, "Barrier", "wait"); // validates here, so errors name the barrier
    // try/finally rather than `using`: Node 22 strips TypeScript types but has no `using`.
    const held = await this.cond.acquire(options);
    try {
      // Block while the previous round drains or a reset completes.
      await this.cond.waitFor(() => this.state !== "draining" && this.state !== "resetting", options);
      if (this.state === "broken") throw new BrokenBarrierError("Barrier aborted");
      const index = this.count++;
      try {
        if (index + 1 === this.partyCount) {
          this.state = "draining";
          this.cond.notifyAll();
        } else {
          await this.cond.waitFor(() => this.state !== "filling", options);
          // Re-read: abort() or reset() may have changed the state while we waited.
          const state = this.state as BarrierState;
          if (state === "broken" || state === "resetting") {
            throw new BrokenBarrierError("Abort or reset of barrier");
          }
        }
        return index;
      } finally {
        this.count--;
        this.exit();
      }
    } finally {
      held.release();
    }
  }

  /**
   * Returns the barrier to its empty state; tasks waiting on it get BrokenBarrierError.
   */
  reset(): Promise<void> {
    return this.withLock(() => {
      if (this.count > 0) {
        if (this.state !== "resetting") this.state = "resetting";
      } else {
        this.state = "filling";
      }
      this.cond.notifyAll();
    });
  }

  /**
   * Breaks the barrier: waiting and future `wait()` calls reject with BrokenBarrierError
   * until `reset()`.
   */
  abort(): Promise<void> {
    return this.withLock(() => {
      this.state = "broken";
      this.cond.notifyAll();
    });
  }

  /** Wakes tasks waiting for the barrier to drain once the last released task leaves. */
  private exit(): void {
    if (this.count === 0) {
      if (this.state === "resetting" || this.state === "draining") this.state = "filling";
      this.cond.notifyAll();
    }
  }

  private async withLock(change: () => void): Promise<void> {
    const held = await this.cond.acquire();
    try {
      change();
    } finally {
      held.release();
    }
  }
}
