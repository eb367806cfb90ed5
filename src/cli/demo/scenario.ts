/**
 * The producer/consumer scenario of the user's notes (seed 000): five tasks, the producer
 * spends 0.3 s on each, the consumer 1.0 s, and the consumers of §2 and §4 stop once a
 * `get` has waited 4 s for nothing. A scale multiplies all three times.
 */

/** What every demo mode runs. */
export interface Scenario {
  /** How many items the producer makes. */
  readonly tasks: number;
  /** Producer time per item, in ms. */
  readonly produceMs: number;
  /** Consumer time per item, in ms. */
  readonly consumeMs: number;
  /** How long the consumer of §2 and §4 waits in `get` before it gives up and stops, in ms. */
  readonly getTimeoutMs: number;
}

/** The notes' times at scale 1, in ms. */
export const NOTES_SCENARIO: Scenario = { tasks: 5, produceMs: 300, consumeMs: 1000, getTimeoutMs: 4000 };

/**
 * Default scale: a fifth of the notes' times, so the five modes together take about 7 s
 * (under 10 s; `estimateDemoMs` has the figure) while the timelines stay readable.
 */
export const DEFAULT_SCALE = 0.2;

/**
 * The notes' scenario with its times multiplied by `scale`.
 *
 * @example
 * scaledScenario(0.25); // { tasks: 5, produceMs: 75, consumeMs: 250, getTimeoutMs: 1000 }
 */
export function scaledScenario(scale: number): Scenario {
  if (typeof scale !== "number" || !Number.isFinite(scale) || scale <= 0) {
    throw new RangeError(`scale must be a positive finite number, got ${String(scale)}`);
  }
  return {
    tasks: NOTES_SCENARIO.tasks,
    produceMs: NOTES_SCENARIO.produceMs * scale,
    consumeMs: NOTES_SCENARIO.consumeMs * scale,
    getTimeoutMs: NOTES_SCENARIO.getTimeoutMs * scale,
  };
}

/**
 * The name of the i-th item (1-based), as the notes print it.
 *
 * @example
 * taskName(1); // "Task 1"
 */
export function taskName(i: number): string {
  return `Task ${i}`;
}

/**
 * Blocks the whole thread for `ms`, like Python's `time.sleep`: nothing else runs, no
 * timers, no promises. Atomics.wait sleeps in the kernel, so this is not a busy loop.
 *
 * @example
 * blockingSleep(300); // the event loop is frozen for 300 ms
 */
export function blockingSleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
