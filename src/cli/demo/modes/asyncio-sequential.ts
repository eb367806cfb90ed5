/**
 * Mode 3 of the notes (seed 000 §3), as written: an async queue and `await` everywhere,
 * but the producer puts all five items at once (no sleep, so it never yields to the
 * event loop), and only then does the consumer drain them. There is never a second task
 * to switch to, so nothing overlaps: the run is the consumer's 5 x 1.0 s alone.
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
  reference: "the notes' §3",
  expected: (scenario) => ({ totalMs: scenario.tasks * scenario.consumeMs, tailMs: 0, startupMs: 0 }),
  async run(scenario) {
    const trace = new TraceRecorder();
    const q = new Queue<string>();
    // Producer: puts everything at once; no sleep, so no turn for anyone else.
    for (let i = 1; i <= scenario.tasks; i++) {
      const msg = taskName(i);
      await trace.span("producer", "put", msg, () => q.put(msg));
    }
    // Consumer: strictly after the producer.
    while (!q.empty()) {
      const msg = await trace.span("consumer", "get", "next", () => q.get());
      await trace.span("consumer", "process", msg, () => sleep(scenario.consumeMs));
      q.taskDone();
    }
    await q.join();
    return trace.spans();
  },
};
