/**
 * Mode 1 of the notes (seed 000 §1): plain code, a plain array, blocking sleeps. The
 * producer fills the array, then the consumer drains it; nothing can overlap because the
 * thread is never free to do anything else.
 */
import { TraceRecorder } from "../../../trace/index.ts";
import { sequentialTotal } from "../expected.ts";
import { blockingSleep, taskName } from "../scenario.ts";
import type { DemoMode } from "./mode.ts";

/**
 * @example
 * const spans = await sequentialList.run(scaledScenario(0.1));
 */
export const sequentialList: DemoMode = {
  number: 1,
  name: "sequential-list",
  title: "plain code, array",
  reference: "the notes' §1",
  expected: (scenario) => ({ totalMs: sequentialTotal(scenario), tailMs: 0, startupMs: 0 }),
  run(scenario) {
    const trace = new TraceRecorder();
    const list: string[] = [];
    for (let i = 1; i <= scenario.tasks; i++) {
      const msg = taskName(i);
      trace.spanSync("producer", "put", msg, () => list.push(msg));
      trace.spanSync("producer", "process", msg, () => blockingSleep(scenario.produceMs));
    }
    while (list.length > 0) {
      const msg = trace.spanSync("consumer", "get", "next", () => list.shift() as string);
      trace.spanSync("consumer", "process", msg, () => blockingSleep(scenario.consumeMs));
    }
    return Promise.resolve(trace.spans());
  },
};
