/**
 * Python's blocking `print` and `time.sleep` for code on worker threads (and for the
 * examples that block on purpose).
 */
import { writeSync } from "node:fs";

/**
 * `print` from any thread: the line goes straight to standard output, as Python's does.
 * A worker thread's `console.log` is relayed through the main thread when the worker's
 * event loop turns, which a thread blocked in `blockingSleep` never lets happen until it
 * returns: its lines would come out late, after lines printed later on other threads.
 *
 * @example
 * print("Start task1");
 */
export function print(line: string): void {
  writeSync(1, `${line}\n`);
}

/**
 * `time.sleep`: blocks this thread (timers, promises and all) for `ms` milliseconds.
 *
 * @example
 * blockingSleep(1000);
 */
export function blockingSleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
