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
const SPINS = 100;

/** Takes the mutex at `ctl[word]`, spinning then sleeping while another thread holds it. */
export function lock(ctl: Int32Array, word: number): void {
  if (Atomics.compareExchange(ctl, word, 0, 1) !== 0) lockContended(ctl, word);
}

function lockContended(ctl: Int32Array, word: number): void {
  for (let i = 0; i < SPINS; i++) {
    if (Atomics.load(ctl, word) === 0 && Atomics.compareExchange(ctl, word, 0, 1) === 0) return;
  }
  // Mark the word "maybe sleepers" before sleeping, so the holder's unlock notifies.
  while (Atomics.exchange(ctl, word, 2) !== 0) Atomics.wait(ctl, word, 2);
}

/** Releases the mutex at `ctl[word]`, waking one sleeper if the word says there may be one. */
export function unlock(ctl: Int32Array, word: number): void {
  if (Atomics.exchange(ctl, word, 0) === 2) Atomics.notify(ctl, word, 1);
}
