/**
 * `SeqSleeper`: one thread's registration on one `*_SEQ` word of a ThreadQueue.
 *
 * However many calls of this thread wait (say, ten `get()`s), the thread registers at
 * most one `Atomics.waitAsync` per word, and a wake-up runs `onWake`, which serves the
 * local waiters in FIFO order. This bounds the registrations to one per thread and word,
 * and lets aborted calls leave without a registration to take back.
 *
 * Protocol (futex style, with the sleeper announcing itself before its last check, so a
 * waker pays for nothing when nobody sleeps):
 * - sleeper: `announce()` (`WAITERS += 1`, returns `seen = SEQ`); check the condition
 *   again; if now met, `withdraw()` (`WAITERS -= 1`); else `sleep(seen)`:
 *   `waitAsync(SEQ, seen)`, which returns "not-equal" at once (and withdraws) if SEQ
 *   already moved.
 * - waker: change the state (an atomic write); then, if `WAITERS > 0`, bump SEQ and
 *   `n = notify(SEQ, k)`, `WAITERS -= n`.
 * All these are sequentially consistent atomics, so either the waker's read of WAITERS
 * sees the announcement (and bumps and notifies), or the sleeper's check, which comes
 * after its announcement, sees the waker's change. No wake-up is lost, and a waker
 * subtracting what it woke keeps later puts from paying for a notify while the woken
 * thread is still getting up.
 *
 * States: idle → (announce) announced → (withdraw) idle
 *                                     → (sleep) registered → (notified) idle + onWake().
 */

/** `Atomics.waitAsync` (ES2024, in Node since 16); typed here because the project targets ES2022 libs. */
type WaitAsyncResult =
  | { async: false; value: "not-equal" | "timed-out" }
  | { async: true; value: Promise<"ok" | "timed-out"> };
const atomics = Atomics as typeof Atomics & {
  waitAsync(view: Int32Array, index: number, value: number, timeout?: number): WaitAsyncResult;
};

/** Wakes up to `count` sleepers on `seqIndex` and takes them off its `WAITERS` word. */
export function wake(ctl: Int32Array, seqIndex: number, waitersIndex: number, count: number): void {
  const woken = Atomics.notify(ctl, seqIndex, count);
  if (woken > 0) Atomics.sub(ctl, waitersIndex, woken);
}

/** The waker's side: if anyone sleeps (or is about to) on `seqIndex`, bump it and wake up to `count`. */
export function wakeIfWaiting(ctl: Int32Array, seqIndex: number, waitersIndex: number, count: number): void {
  if (Atomics.load(ctl, waitersIndex) === 0) return;
  Atomics.add(ctl, seqIndex, 1);
  wake(ctl, seqIndex, waitersIndex, count);
}

export class SeqSleeper {
  /** True while a waitAsync is registered (until its wake-up has been handled). */
  registered = false;

  private readonly ctl: Int32Array;
  private readonly seqIndex: number;
  private readonly waitersIndex: number;
  private readonly onWake: () => void;

  constructor(ctl: Int32Array, seqIndex: number, waitersIndex: number, onWake: () => void) {
    this.ctl = ctl;
    this.seqIndex = seqIndex;
    this.waitersIndex = waitersIndex;
    this.onWake = onWake;
  }

  /** Counts this thread as about to sleep; returns the SEQ value to sleep on. */
  announce(): number {
    Atomics.add(this.ctl, this.waitersIndex, 1);
    return Atomics.load(this.ctl, this.seqIndex);
  }

  /** Takes back an `announce` (the condition was met after all). */
  withdraw(): void {
    Atomics.sub(this.ctl, this.waitersIndex, 1);
  }

  /**
   * After `announce` and a failed check: registers until SEQ differs from `seen`, then
   * calls `onWake`. Returns false if it already differs (withdrawn; re-check now).
   */
  sleep(seen: number): boolean {
    const result = atomics.waitAsync(this.ctl, this.seqIndex, seen);
    if (!result.async) {
      this.withdraw();
      return false;
    }
    this.registered = true;
    void result.value.then(this.woken);
    return true;
  }

  /**
   * The blocking variant for `getSync`/`putSync`: sleeps (Atomics.wait) until SEQ
   * differs from `seen` or `timeoutMs` passes.
   */
  block(seen: number, timeoutMs: number): void {
    if (Atomics.wait(this.ctl, this.seqIndex, seen, timeoutMs) !== "ok") this.withdraw();
  }

  /**
   * Takes back a registration nobody here needs any more (every local waiter aborted):
   * wakes every sleeper on the word, which re-check and sleep again. Only needed on a
   * runtime where a pending waitAsync holds the event loop open, but cheap and rare.
   */
  cancel(): void {
    if (this.registered) wake(this.ctl, this.seqIndex, this.waitersIndex, Infinity);
  }

  private readonly woken = (): void => {
    // The waker already subtracted us from WAITERS.
    this.registered = false;
    this.onWake();
  };
}
