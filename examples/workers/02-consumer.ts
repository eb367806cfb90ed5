/**
 * The consumer thread of examples/02-threading-queue.ts (seed 000 §2's `consumer()`), a
 * task module for a `ThreadPool`. It is written the blocking way a Python thread is:
 * `q.getSync(timeout)` is `q.get(timeout=4.0)` and throws `QueueEmpty` when nothing came
 * in time, and the work is `time.sleep`, a blocking sleep. Both block this worker thread
 * only; the main thread keeps producing meanwhile.
 */
import { writeSync } from "node:fs";
import { QueueEmpty } from "../../src/core/errors.ts";
import { ThreadQueue, type ThreadQueueHandle } from "../../src/exec/thread-queue/index.ts";

/**
 * `print` from a thread: straight to standard output, as Python's does. A worker's
 * `console.log` is relayed through the main thread once the worker's event loop turns,
 * which this blocking loop never lets happen until it returns: the lines would come out
 * all at the end instead of as the work happens.
 */
function print(line: string): void {
  writeSync(1, `${line}\n`);
}

/** `time.sleep`: blocks this thread (and only this one). */
function blockingSleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Returns at once: the main thread calls it to know the thread is up. */
export function ready(): true {
  return true;
}

/**
 * The note's `consumer()`: take, work, mark done; stop when nothing arrives in 4 s.
 *
 * @example
 * await pool.run({ queue: q.handle, scale: 1 }, { name: "consumer" });
 */
export function consumer({ queue, scale }: { queue: ThreadQueueHandle; scale: number }): void {
  const seconds = (s: number) => s * 1000 * scale;
  const q = ThreadQueue.attach<string>(queue);
  for (;;) {
    try {
      const msg = q.getSync(seconds(4.0));
      print(`[C] ← ${msg.padEnd(10)} start`);
      blockingSleep(seconds(1.0));
      print(`[C]     ${msg.padEnd(10)} done`);
      q.taskDone();
    } catch (err) {
      if (err instanceof QueueEmpty) break;
      throw err;
    }
  }
}
