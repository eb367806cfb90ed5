/**
 * Mode 4 of the notes (seed 000 §4): producer and consumer as concurrent tasks over one
 * queue, gathered with `Promise.all`. While the consumer sleeps, the producer keeps
 * putting: the work overlaps.
 *
 * The note's consumer stops after `wait_for(q.get(), 4.0)` times out on an empty queue,
 * which would add 4 s of idling to every measured total. Here the producer shuts the
 * queue down when it is done (Python 3.13's `Queue.shutdown`), and the consumer stops
 * once the queue is shut down and drained, so the total measures the work only.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { Queue, QueueShutDown } from "../../../core/index.ts";
import { TraceRecorder } from "../../../trace/index.ts";
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
  async run(scenario) {
    const trace = new TraceRecorder();
    const q = new Queue<string>();

    const producer = async () => {
      for (let i = 1; i <= scenario.tasks; i++) {
        const msg = taskName(i);
        await trace.span("P", "put", msg, () => q.put(msg));
        await trace.span("P", "process", msg, () => sleep(scenario.produceMs));
      }
      q.shutdown();
    };

    const consumer = async () => {
      for (;;) {
        // Recorded only when it hands over an item: the last get, which finds the queue
        // shut down and drained, is the loop's exit, not a hand-off.
        const finishGet = trace.begin("C", "get", "next");
        let msg: string;
        try {
          msg = await q.get();
        } catch (err) {
          if (err instanceof QueueShutDown) return;
          throw err;
        }
        finishGet();
        await trace.span("C", "process", msg, () => sleep(scenario.consumeMs));
        q.taskDone();
      }
    };

    await Promise.all([producer(), consumer()]);
    return trace.spans();
  },
};
