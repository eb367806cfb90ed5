/**
 * `WaitingCalls`: one thread's waiting `get`, `put` and `join` calls on a ThreadQueue,
 * and the machinery that serves them.
 *
 * Each kind of call has a FIFO list and one `SeqSleeper` (at most one `waitAsync`
 * registration per thread and condition). When a call cannot complete at once it joins
 * its list, and `serve*` runs: it completes the oldest calls while the condition holds,
 * then, if some still wait, announces the thread as a sleeper, checks once more and
 * registers (sleeper.ts explains why that order loses no wake-up). A wake-up runs
 * `serve*` again. While any call waits, the thread is held alive (keep-alive.ts).
 *
 * States per kind: idle (empty list, no registration) → waiting (calls listed,
 * registered or about to be) → served (calls settled in FIFO order) → idle or waiting.
 * A call settles exactly once and synchronously with the item taken for it, so an abort
 * (which removes the call from its list) never loses an item.
 */
import { QueueShutDown } from "../../core/errors.ts";
import type { Abortable } from "../../core/internal/wait-signal.ts";
import type { Encoded } from "./codec.ts";
import { holdAlive, releaseAlive } from "./keep-alive.ts";
import {
  COUNT,
  GET_SEQ,
  GET_WAITERS,
  JOIN_SEQ,
  JOIN_WAITERS,
  PUT_SEQ,
  PUT_WAITERS,
  UNFINISHED,
  type SharedViews,
} from "./shared-layout.ts";
import * as ops from "./shared-ops.ts";
import { SeqSleeper, wakeIfWaiting } from "./sleeper.ts";
import { WaiterList } from "./waiter-list.ts";

export class WaitingCalls<T> {
  readonly getters = new WaiterList<T, undefined>();
  readonly putters = new WaiterList<void, Encoded>();
  /** Each joiner carries the `JOIN_SEQ` it started at. */
  readonly joiners = new WaiterList<void, number>();
  readonly getSleeper: SeqSleeper;
  readonly putSleeper: SeqSleeper;
  private readonly joinSleeper: SeqSleeper;
  private readonly ctl: Int32Array;
  private heldAlive = false;

  private readonly views: SharedViews;

  constructor(views: SharedViews) {
    this.views = views;
    this.ctl = views.ctl;
    this.getSleeper = new SeqSleeper(this.ctl, GET_SEQ, GET_WAITERS, () => this.onItems());
    this.putSleeper = new SeqSleeper(this.ctl, PUT_SEQ, PUT_WAITERS, () => this.servePutters());
    this.joinSleeper = new SeqSleeper(this.ctl, JOIN_SEQ, JOIN_WAITERS, () => this.serveJoiners());
  }

  /** A get that found nothing (or found older local getters): waits its turn. */
  get(signal: Abortable | undefined): Promise<T> {
    const promise = this.getters.wait(undefined, signal, () => this.afterAbort(this.getters, this.getSleeper));
    this.serveGetters();
    return promise;
  }

  /** A put that found no room (or older local putters): waits its turn with its own copy of the item. */
  put(item: Encoded, signal: Abortable | undefined): Promise<void> {
    const promise = this.putters.wait(item, signal, () => this.afterAbort(this.putters, this.putSleeper));
    this.servePutters();
    return promise;
  }

  /** A join that started at `JOIN_SEQ == seen` with tasks unfinished. */
  join(seen: number, signal: Abortable | undefined): Promise<void> {
    const promise = this.joiners.wait(seen, signal, () => this.afterAbort(this.joiners, this.joinSleeper));
    this.serveJoiners();
    return promise;
  }

  /** A getter wake-up: serve local getters, or pass the wake-up on if none is left. */
  private onItems(): void {
    if (this.getters.size > 0) this.serveGetters();
    else this.passOnItems();
  }

  /** Serves local getters, oldest first, while there are items; then sleeps if some still wait. */
  private serveGetters(): void {
    const { getters, getSleeper: sleeper } = this;
    while (getters.size > 0) {
      let item = ops.tryGet(this.views);
      if (item === ops.EMPTY) {
        if (sleeper.registered) break; // the next put wakes us
        const seen = sleeper.announce();
        item = ops.tryGet(this.views);
        if (item === ops.EMPTY) {
          if (sleeper.sleep(seen)) break;
          continue; // a put landed meanwhile
        }
        sleeper.withdraw();
      }
      if (item === ops.SHUT_DOWN) getters.rejectAll(() => new QueueShutDown());
      else getters.resolveFirst(item as T);
    }
    if (getters.size === 0) this.passOnItems();
    this.updateHeldAlive();
  }

  /**
   * Items left and no local getter for them: wake one other sleeping getter thread, in
   * case the wake-up we used up was the one meant for it.
   */
  passOnItems(): void {
    const { ctl } = this;
    if (Atomics.load(ctl, GET_WAITERS) > 0 && Atomics.load(ctl, COUNT) > 0) {
      wakeIfWaiting(ctl, GET_SEQ, GET_WAITERS, 1);
    }
  }

  /** Puts for local putters, oldest first, while there is room; then sleeps if some still wait. */
  private servePutters(): void {
    const { putters, putSleeper: sleeper } = this;
    for (let putter = putters.first(); putter !== null; putter = putters.first()) {
      let result = ops.tryPut(this.views, putter.payload);
      if (result === ops.PUT_FULL) {
        if (sleeper.registered) break; // the next get wakes us
        const seen = sleeper.announce();
        result = ops.tryPut(this.views, putter.payload);
        if (result === ops.PUT_FULL) {
          if (sleeper.sleep(seen)) break;
          continue; // a get landed meanwhile
        }
        sleeper.withdraw();
      }
      if (result === ops.PUT_SHUT_DOWN) putters.rejectAll(() => new QueueShutDown());
      else putters.resolve(putter, undefined);
    }
    this.updateHeldAlive();
  }

  /** Resolves local joiners whose "all done" event happened; then sleeps if some still wait. */
  private serveJoiners(): void {
    const { ctl, joiners, joinSleeper: sleeper } = this;
    for (let joiner = joiners.first(); joiner !== null; joiner = joiners.first()) {
      // A joiner is done once "all done" happened after it started (JOIN_SEQ moved),
      // like asyncio's event: a later put does not take that back.
      if (joiner.payload !== Atomics.load(ctl, JOIN_SEQ) || Atomics.load(ctl, UNFINISHED) === 0) {
        joiners.resolve(joiner, undefined);
        continue;
      }
      if (sleeper.registered) break;
      const seen = sleeper.announce();
      if (joiner.payload !== seen || Atomics.load(ctl, UNFINISHED) === 0) {
        sleeper.withdraw();
        continue;
      }
      if (sleeper.sleep(seen)) break;
    }
    this.updateHeldAlive();
  }

  private afterAbort(list: { size: number }, sleeper: SeqSleeper): void {
    if (list.size === 0) sleeper.cancel();
    this.updateHeldAlive();
  }

  private updateHeldAlive(): void {
    const waiting = this.getters.size + this.putters.size + this.joiners.size > 0;
    if (waiting === this.heldAlive) return;
    this.heldAlive = waiting;
    if (waiting) holdAlive();
    else releaseAlive();
  }
}
