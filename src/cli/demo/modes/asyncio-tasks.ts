/**
 * Mode 4 of the notes (seed 000 §4): producer and consumer as concurrent tasks over one
 * queue, gathered with `Promise.all`. While the consumer sleeps, the producer keeps
 * putting: the work overlaps.
 *
 * As in the notes, the consumer stops only when `wait_for(q.get(), 4.0)` times out on an
 * empty queue, so the run really ends with the consumer waiting out that timeout (scaled)
 * after the last item. It is recorded as an `idle` span, drawn and counted on its own.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { Queue, TimeoutError, timeout } from "../../../core/index.ts";
import { TraceRecorder } from "../../../trace/index.ts";
import { overlappedTotal } from "../expected.ts";
import { taskName } from "../scenario.ts";
import type { DemoMode } from "./mode.ts";

/**
 * @example
 * const spans = await asyncioTasks.run(scaledScenario(0.1));
 */
export const asyncioTasks: DemoMode = {
  number: 4,
  name: "asyncio-tasks",
  title: "asyncio (tasks)",
  reference: "the notes' §4",
  expected: (scenario) => ({
    totalMs: overlappedTotal(scenario, scenario.getTimeoutMs),
    tailMs: scenario.getTimeoutMs,
    startupMs: 0,
  }),
  async run(scenario) {
    const trace = new TraceRecorder();
    const q = new Queue<string>();

    const producer = async () => {
      for (let i = 1; i <= scenario.tasks; i++) {
        const msg = taskName(i);
        await trace.span("producer", "put", msg, () => q.put(msg));
        await trace.span("producer", "process", msg, () => sleep(scenario.produceMs));
      }
    };

    const consumer = async () => {
      for (;;) {
        // Recorded as a get once it hands over an item, or as idle time if it times out.
        const started = trace.now();
        const finishGet = trace.begin("consumer", "get", "next");
        let msg: string;
        try {
          msg = await timeout(scenario.getTimeoutMs, (signal) => q.get({ signal }));
        } catch (err) {
          if (!(err instanceof TimeoutError)) throw err;
          trace.add({ lane: "consumer", kind: "idle", label: "get timed out", start: started, end: trace.now() });
          if (q.empty()) return;
          continue;
        }
        finishGet();
        await trace.span("consumer", "process", msg, () => sleep(scenario.consumeMs));
        q.taskDone();
      }
    };

    await Promise.all([producer(), consumer()]);
    return trace.spans();
  },
};
