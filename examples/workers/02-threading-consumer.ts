/**
 * The consumer thread of examples/02-threading-queue.ts (seed 000 §2's `consumer()`), a
 * task module for a `ThreadPool`. It is written the blocking way a Python thread is:
 * `q.getSync(timeout)` is `q.get(timeout=4.0)` and throws `QueueEmpty` when nothing came
 * in time, and the work is `time.sleep`, a blocking sleep. Both block this worker thread
 * only; the main thread keeps producing meanwhile. It prints through `print` (a direct
 * write to stdout), as Python's threads do, so the lines come out as the work happens.
 */
import { QueueEmpty } from "../../src/index.ts";
import { ThreadQueue, type ThreadQueueHandle } from "../../src/exec/index.ts";
import { blockingSleep, print } from "../lib/blocking.ts";

/**
 * Returns at once: the main thread calls it to know the thread is up.
 *
 * @example
 * await pool.run(undefined, { name: "ready" });
 */
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
      print(`[C] ← ${msg.padEnd(10)} начало`);
      blockingSleep(seconds(1.0));
      print(`[C]     ${msg.padEnd(10)} готово`);
      q.taskDone();
    } catch (err) {
      if (err instanceof QueueEmpty) break;
      throw err;
    }
  }
}
