/**
 * Mode 5: `multiprocessing`, which the notes recommend for CPU-bound work (seeds 002,
 * 003). The producer runs in the main process and hands each item to a consumer in a
 * child process (a one-process `ProcessPool` running workers/process-consumer.ts); the
 * pool's task queue is the queue between them. The producer submits each item without
 * waiting for it, so while the child works (a blocking sleep: it blocks only the child)
 * the producer keeps submitting, and the work overlaps.
 *
 * As in mode 2, the child process is started before the clock starts (a Node process
 * takes tens of ms to start, a Python fork less); the demo reports that start-up
 * separately. There is no `get` timeout here: the pool hands each item over as a task,
 * so the run ends with the last item's work.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { ProcessPool } from "../../../exec/index.ts";
import { TraceRecorder } from "../../../trace/index.ts";
import { overlappedTotal, PROCESS_STARTUP_MS } from "../expected.ts";
import { taskName } from "../scenario.ts";
import { mergeSpans, toRecorderTime, type AbsoluteSpan } from "../workers/absolute-time.ts";
import { demoWorkerModule } from "../workers/locate.ts";
import type { ProcessConsumerInput } from "../workers/process-consumer.ts";
import type { DemoMode } from "./mode.ts";

/**
 * @example
 * const spans = await processes.run(scaledScenario(0.1));
 */
export const processes: DemoMode = {
  number: 5,
  name: "processes",
  title: "multiprocessing",
  reference: "Python's multiprocessing.Pool(1)",
  expected: (scenario) => ({ totalMs: overlappedTotal(scenario), tailMs: 0, startupMs: PROCESS_STARTUP_MS }),
  async run(scenario, startClock) {
    const pool = new ProcessPool({ module: demoWorkerModule("process-consumer"), maxWorkers: 1 });
    try {
      await pool.run(undefined, { name: "ready" });
      startClock?.();
      const trace = new TraceRecorder();
      const submitted: Promise<AbsoluteSpan[]>[] = [];

      for (let i = 1; i <= scenario.tasks; i++) {
        const msg = taskName(i);
        const input: ProcessConsumerInput = { label: msg, consumeMs: scenario.consumeMs };
        // The put is the submission; the producer does not wait for the result.
        const task = trace.spanSync("producer", "put", msg, () => pool.run<AbsoluteSpan[]>(input, { name: "consumeOne" }));
        // Awaited below; if the producer fails first, `destroy()` rejects it unobserved.
        task.catch(() => {});
        submitted.push(task);
        await trace.span("producer", "process", msg, () => sleep(scenario.produceMs));
      }

      const consumed = (await Promise.all(submitted)).flat();
      return mergeSpans(trace.spans(), toRecorderTime(consumed, trace));
    } finally {
      await pool.destroy();
    }
  },
};
