/**
 * Mode 2 of the notes (seed 000 §2): `threading` + `queue.Queue`. The producer runs on
 * the main thread, the consumer on a worker thread (a one-thread `ThreadPool` running
 * workers/thread-consumer.ts), and the two share a `ThreadQueue`. The consumer's work is
 * a blocking sleep, like `time.sleep` in a Python thread: it blocks its own thread only,
 * so the producer keeps putting meanwhile and the work overlaps.
 *
 * Differences from the note, and why:
 * - The main thread waits until the worker thread is up before the timeline starts. A
 *   Python thread starts in microseconds; a Node worker is a fresh V8 isolate that loads
 *   its modules first (tens of ms), which would otherwise show up as the consumer's
 *   first wait. The measured total still includes it.
 * - The producer sleeps without blocking (it runs on the event loop's thread, which a
 *   Node program keeps free), and when it is done the main thread waits for `join()`
 *   and shuts the queue down, which ends the consumer's loop; the note's consumer stops
 *   after a 4 s `get` timeout instead, which would add 4 s of idling to the total.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { ThreadPool, ThreadQueue } from "../../../exec/index.ts";
import { TraceRecorder } from "../../../trace/index.ts";
import { taskName } from "../scenario.ts";
import { mergeSpans, toRecorderTime, type AbsoluteSpan } from "../workers/absolute-time.ts";
import { demoWorkerModule } from "../workers/locate.ts";
import type { ThreadConsumerInput } from "../workers/thread-consumer.ts";
import type { DemoMode } from "./mode.ts";

/**
 * @example
 * const spans = await threads.run(scaledScenario(0.1));
 */
export const threads: DemoMode = {
  number: 2,
  name: "threads",
  title: "threading + Queue",
  async run(scenario, startClock) {
    const q = new ThreadQueue<string>();
    const pool = new ThreadPool({ module: demoWorkerModule("thread-consumer"), maxWorkers: 1 });
    const stopJoin = new AbortController();
    try {
      await pool.run(undefined, { name: "ready" });
      startClock?.();
      const trace = new TraceRecorder();
      const input: ThreadConsumerInput = { queue: q.handle, consumeMs: scenario.consumeMs };
      const consumer = pool.run<AbsoluteSpan[]>(input, { name: "consume" });
      // Awaited below; if the producer fails first, `destroy()` rejects it unobserved.
      consumer.catch(() => {});

      for (let i = 1; i <= scenario.tasks; i++) {
        const msg = taskName(i);
        await trace.span("P", "put", msg, () => q.put(msg));
        await trace.span("P", "process", msg, () => sleep(scenario.produceMs));
      }
      // q.join(), unless the consumer dies first (then no one would ever call taskDone).
      await Promise.race([q.join({ signal: stopJoin.signal }), consumer]);
      q.shutdown();

      return mergeSpans(trace.spans(), toRecorderTime(await consumer, trace));
    } finally {
      // After a failure: end a consumer still waiting in get, and a join still waiting
      // (it would keep the process alive). No-ops after a normal run.
      stopJoin.abort();
      q.shutdown(true);
      await pool.destroy();
    }
  },
};
