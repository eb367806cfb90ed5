/**
 * The shape of a demo mode. Each mode lives in its own file in this folder and is listed
 * once in `./index.ts`; adding a mode (threads, processes, ...) touches nothing else.
 */
import type { Span } from "../../../trace/index.ts";
import type { ExpectedTime } from "../expected.ts";
import type { Scenario } from "../scenario.ts";

/**
 * One way of running the notes' scenario.
 *
 * Lanes in the recorded spans: `"producer"` and `"consumer"`, with kinds `put`, `get`,
 * `process`, and `idle` for a consumer waiting out its `get` timeout, so the analysis and
 * the timeline read every mode alike.
 *
 * @example
 * const spans = await asyncioTasks.run(scaledScenario(0.1));
 */
export interface DemoMode {
  /** The notes' number for this variant (000 §1-§4); the table is sorted by it. */
  readonly number: number;
  /** The id `--mode` accepts, e.g. `"asyncio-tasks"`. */
  readonly name: string;
  /** What the notes call the variant, e.g. `"asyncio (tasks)"`. */
  readonly title: string;
  /** The Python program {@link DemoMode.expected} times, e.g. `"the notes' §2"`. */
  readonly reference: string;
  /** What the reference program takes on `scenario`, computed, not measured. */
  expected(scenario: Scenario): ExpectedTime;
  /**
   * Runs the scenario once and returns every span it recorded. A mode that must start a
   * worker first calls `startClock()` once it is ready, so the measured total covers the
   * scenario, not the start-up (a Python thread starts in microseconds, a Node worker in
   * tens of milliseconds); without the call the clock starts with `run`.
   */
  run(scenario: Scenario, startClock?: () => void): Promise<Span[]>;
}
