/**
 * Mode 2 of the notes (seed 000 §2): `threading` + `queue.Queue`. The producer runs on
 * the main thread, the consumer on a worker thread (a one-thread `ThreadPool` running
 * workers/thread-consumer.ts), and the two share a `ThreadQueue`. The consumer's work is
 * a blocking sleep, like `time.sleep` in a Python thread: it blocks its own thread only,
 * so the producer keeps putting meanwhile and the work overlaps. As in the notes, the
 * consumer stops once `get(timeout=4.0)` (scaled) finds nothing: the run ends with that
 * wait, recorded as an `idle` span.
 *
 * Differences from the note, and why:
 * - The main thread waits until the worker thread is up before the clock starts. A
 *   Python thread starts in microseconds; a Node worker is a fresh V8 isolate that loads
 *   its modules first (tens of ms), which would otherwise show up as the consumer's
 *   first wait. The demo reports that start-up separately.
 * - The producer sleeps without blocking (it runs on the event loop's thread, which a
 *   Node program keeps free); for the timeline that is the same as Python's producer
 *   thread sleeping.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { ThreadPool, ThreadQueue } from "../../../exec/index.ts";
import { TraceRecorder } from "../../../trace/index.ts";
import { overlappedTotal, THREAD_STARTUP_MS } from "../expected.ts";
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
  reference: "the notes' §2",
  expected: (scenario) => ({
    totalMs: overlappedTotal(scenario, scenario.getTimeoutMs),
    tailMs: scenario.getTimeoutMs,
    startupMs: THREAD_STARTUP_MS,
  }),
  async run(scenario, startClock) {
    const q = new ThreadQueue<string>();
    const pool = new ThreadPool({ module: demoWorkerModule("thread-consumer"), maxWorkers: 1 });
    try {
      await pool.run(undefined, { name: "ready" });
      startClock?.();
      const trace = new TraceRecorder();
      const input: ThreadConsumerInput = {
        queue: q.handle,
        consumeMs: scenario.consumeMs,
        getTimeoutMs: scenario.getTimeoutMs,
      };
      const consumer = pool.run<AbsoluteSpan[]>(input, { name: "consume" });
      // Awaited below; if the producer fails first, `destroy()` rejects it unobserved.
      consumer.catch(() => {});

      for (let i = 1; i <= scenario.tasks; i++) {
        const msg = taskName(i);
        await trace.span("producer", "put", msg, () => q.put(msg));
        await trace.span("producer", "process", msg, () => sleep(scenario.produceMs));
      }
      // c.join(): the consumer returns once its get has timed out on an empty queue.
      return mergeSpans(trace.spans(), toRecorderTime(await consumer, trace));
    } finally {
      // After a failure: end a consumer still waiting in get. A no-op after a normal run.
      q.shutdown(true);
      await pool.destroy();
    }
  },
};
