/**
 * The mutex words of a ThreadQueue (`PUT_LOCK` serialises putters, `GET_LOCK` getters).
 *
 * States of a mutex word: 0 free, 1 held, 2 held and someone may sleep on it. This is
 * Drepper's "mutex 3" from "Futexes Are Tricky": the uncontended path is one
 * compareExchange to lock and one exchange to unlock; a contender spins briefly (the
 * holder only copies a record, a few hundred nanoseconds), then sleeps with
 * `Atomics.wait`, and the unlocker notifies only when the word says someone may sleep.
 *
 * Sleeping with `Atomics.wait` is allowed on Node's main thread too; it can only last
 * as long as another thread's critical section, never as long as a queue wait (those use
 * the `*_SEQ` words instead).
 */
import { InvalidStateError } from "../../core/errors.ts";
import { enterCritical, leaveCritical } from "../critical-section.ts";

const SPINS = 100;
/**
 * A holder copies one record, so no healthy thread holds a mutex this long. Past it, the
 * holder was almost certainly terminated inside its critical section; failing the call
 * beats freezing this thread (the main thread included) forever.
 */
export const STUCK_LOCK_MS = 2000;

/** Takes the mutex at `ctl[word]`, spinning then sleeping while another thread holds it. */
export function lock(ctl: Int32Array, word: number): void {
  // A pool must not terminate this thread while it holds (or is about to hold) a mutex.
  enterCritical();
  if (Atomics.compareExchange(ctl, word, 0, 1) !== 0) lockContended(ctl, word);
}

function lockContended(ctl: Int32Array, word: number): void {
  for (let i = 0; i < SPINS; i++) {
    if (Atomics.load(ctl, word) === 0 && Atomics.compareExchange(ctl, word, 0, 1) === 0) return;
  }
  // Mark the word "maybe sleepers" before sleeping, so the holder's unlock notifies.
  const deadline = Date.now() + STUCK_LOCK_MS;
  while (Atomics.exchange(ctl, word, 2) !== 0) {
    const left = deadline - Date.now();
    if (left <= 0) {
      leaveCritical();
      throw new InvalidStateError(
        `ThreadQueue: its mutex has been held for over ${STUCK_LOCK_MS} ms; a thread was probably ` +
          "terminated in the middle of a put or get, and the queue cannot be used any more",
      );
    }
    Atomics.wait(ctl, word, 2, left);
  }
}

/** Releases the mutex at `ctl[word]`, waking one sleeper if the word says there may be one. */
export function unlock(ctl: Int32Array, word: number): void {
  if (Atomics.exchange(ctl, word, 0) === 2) Atomics.notify(ctl, word, 1);
  leaveCritical();
}
