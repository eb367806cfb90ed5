/**
 * Mode 3 of the notes (seed 000 §3): an async queue and `await` everywhere, but producer
 * and consumer are called one after the other, so the event loop never has two things
 * to switch between and the run stays sequential.
 *
 * The note's producer puts everything at once; here it spends the scenario's 0.3 s per
 * item like every other mode (with a non-blocking sleep, which changes nothing: there is
 * still no other task to run meanwhile), so the table compares like with like.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { Queue } from "../../../core/index.ts";
import { TraceRecorder } from "../../../trace/index.ts";
import { taskName } from "../scenario.ts";
import type { DemoMode } from "./mode.ts";

/**
 * @example
 * const spans = await asyncioSequential.run(scaledScenario(0.1));
 */
export const asyncioSequential: DemoMode = {
  number: 3,
  name: "asyncio-sequential",
  title: "asyncio (sequential)",
  async run(scenario) {
    const trace = new TraceRecorder();
    const q = new Queue<string>();
    for (let i = 1; i <= scenario.tasks; i++) {
      const msg = taskName(i);
      await trace.span("P", "put", msg, () => q.put(msg));
      await trace.span("P", "process", msg, () => sleep(scenario.produceMs));
    }
    while (!q.empty()) {
      const msg = await trace.span("C", "get", "next", () => q.get());
      await trace.span("C", "process", msg, () => sleep(scenario.consumeMs));
      q.taskDone();
    }
    await q.join();
    return trace.spans();
  },
};
