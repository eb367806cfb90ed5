/**
 * What each mode should take, computed from the scenario alone: the notes' Python code
 * run on ideal clocks. The demo prints it next to what it measured, and `--help` adds it
 * up (with the workers' start-up) into the time the whole demo takes.
 */
import type { Scenario } from "./scenario.ts";

/** A mode's expected time, in ms. */
export interface ExpectedTime {
  /** From the scenario's start to its end, as the mode measures it (tail included). */
  readonly totalMs: number;
  /** Of `totalMs`, the consumer waiting out its `get` timeout after the last item. */
  readonly tailMs: number;
  /** Starting a worker before the clock starts: not in `totalMs`, but in the run's time. */
  readonly startupMs: number;
}

/**
 * Starting a worker thread (a fresh V8 isolate loading the demo's consumer module) and
 * a child process (a fresh Node). Measured on a 2-core Linux machine with Node 20 from
 * `dist` (70-115 ms and 180-205 ms); a busy or slow machine takes longer.
 */
export const THREAD_STARTUP_MS = 90;
export const PROCESS_STARTUP_MS = 200;
/** Node starting `conveyor` and loading its modules (`conveyor --version` takes 250-280 ms there). */
export const PROGRAM_STARTUP_MS = 250;

/**
 * The producer does all its work, then the consumer does all of its (§1).
 *
 * @example
 * sequentialTotal(NOTES_SCENARIO); // 6500
 */
export function sequentialTotal(scenario: Scenario): number {
  return scenario.tasks * (scenario.produceMs + scenario.consumeMs);
}

/**
 * Producer and consumer side by side (§2, §4, and mode 5): the producer puts item k at
 * (k - 1) x produceMs, then sleeps; the consumer takes each item as soon as it is put and
 * it is free. With `getTimeoutMs`, the consumer then waits that long for another item
 * before it stops. Returns when the last of them is done.
 *
 * @example
 * overlappedTotal(NOTES_SCENARIO, 4000); // 9000: 5 x 1 s of work, then 4 s of waiting
 */
export function overlappedTotal(scenario: Scenario, getTimeoutMs = 0): number {
  let consumerFree = 0;
  for (let k = 0; k < scenario.tasks; k++) {
    consumerFree = Math.max(k * scenario.produceMs, consumerFree) + scenario.consumeMs;
  }
  return Math.max(scenario.tasks * scenario.produceMs, consumerFree + getTimeoutMs);
}

/**
 * How long running `modes` one after another takes, start-up included: what `--help`
 * promises.
 *
 * @example
 * estimateDemoMs(DEMO_MODES, scaledScenario(1)); // ~35 000
 */
export function estimateDemoMs(
  modes: readonly { expected(scenario: Scenario): ExpectedTime }[],
  scenario: Scenario,
): number {
  let total = PROGRAM_STARTUP_MS;
  for (const mode of modes) {
    const { totalMs, startupMs } = mode.expected(scenario);
    total += totalMs + startupMs;
  }
  return total;
}
