/**
 * Critical sections that a worker thread must not be terminated inside.
 *
 * A ThreadQueue mutex held by a thread that is terminated stays held, and every other
 * thread is locked out of the queue. So a pool's thread worker shares one Int32 word with
 * the pool: the number of critical sections the thread is in, plus a STOPPING bit.
 *
 * - The worker: `enterCritical()` adds 1, unless STOPPING is set and it is in none yet,
 *   in which case it parks until it is terminated (it must not start anything it cannot
 *   finish; a nested section, say a second mutex, must go on to release the first);
 *   `leaveCritical()` subtracts 1 and wakes the pool if it is waiting.
 * - The pool, before terminating a worker: `quiesce(word)` sets STOPPING, then waits
 *   (boundedly, on the main thread) until the count is 0.
 *
 * Threads that are not pool workers have no word, and these calls do nothing there.
 * This module sits below both exec/pool and exec/thread-queue so neither imports the other.
 */
const WORD = Symbol.for("conveyor.exec.criticalWord");
const STOPPING = 1 << 30;

type WithWord = { [WORD]?: Int32Array };

// Read once per module instance: the runtime installs the word before any task code runs.
// (The global is the hand-off between module instances, e.g. a task importing conveyor
// from dist while the pool runs from source.)
let cachedWord: Int32Array | undefined;
let looked = false;

function currentWord(): Int32Array | undefined {
  if (!looked) {
    cachedWord = (globalThis as WithWord)[WORD];
    looked = true;
  }
  return cachedWord;
}

/** Called by the pool's worker runtime at start, before loading task code: this thread's word. */
export function installCriticalWord(word: Int32Array): void {
  (globalThis as WithWord)[WORD] = word;
  cachedWord = word;
  looked = true;
}

/** Enters a critical section (a no-op outside pool workers). */
export function enterCritical(): void {
  const word = currentWord();
  if (word === undefined) return;
  for (;;) {
    const before = Atomics.add(word, 0, 1);
    if ((before & STOPPING) === 0 || (before & ~STOPPING) !== 0) return;
    Atomics.sub(word, 0, 1);
    Atomics.notify(word, 0);
    // The pool is about to terminate this thread: wait for that (terminate interrupts it).
    Atomics.wait(word, 0, Atomics.load(word, 0));
  }
}

/** Leaves a critical section entered with `enterCritical`. */
export function leaveCritical(): void {
  const word = currentWord();
  if (word === undefined) return;
  if ((Atomics.sub(word, 0, 1) & STOPPING) !== 0) Atomics.notify(word, 0);
}

/**
 * Called by the pool before terminating a worker: stops it entering new critical
 * sections and waits up to `maxMs` for those it is in to end (they copy one record: a
 * few microseconds). Returns false if the worker was still inside one at the deadline.
 */
export function quiesce(word: Int32Array, maxMs = 100): boolean {
  Atomics.or(word, 0, STOPPING);
  const deadline = Date.now() + maxMs;
  for (;;) {
    const value = Atomics.load(word, 0);
    if ((value & ~STOPPING) === 0) return true;
    const left = deadline - Date.now();
    if (left <= 0) return false;
    Atomics.wait(word, 0, value, left);
  }
}
