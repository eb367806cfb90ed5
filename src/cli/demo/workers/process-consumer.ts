/**
 * The consumer of demo mode 5 (multiprocessing), run as a `ProcessPool` task in a child
 * process: each call works on one item for `consumeMs` with a blocking sleep (its own
 * process is all it blocks) and reports when it took the item and when it finished, in
 * absolute time (see absolute-time.ts).
 */
import { blockingSleep } from "../scenario.ts";
import { absoluteNow, type AbsoluteSpan } from "./absolute-time.ts";

/** One item for the consumer. */
export interface ProcessConsumerInput {
  /** The item, e.g. `"Task 1"`. */
  readonly label: string;
  /** Blocking work on it, in ms. */
  readonly consumeMs: number;
}

/**
 * Resolves at once: the main side runs it first so the child process is up before the
 * timeline starts.
 *
 * @example
 * await pool.run(undefined, { name: "ready" });
 */
export function ready(): true {
  return true;
}

/**
 * Works on one item; returns the hand-off (`get`) and the work (`process`) as spans.
 *
 * @example
 * const spans = await pool.run<AbsoluteSpan[]>({ label: "Task 1", consumeMs: 250 }, { name: "consumeOne" });
 */
export function consumeOne({ label, consumeMs }: ProcessConsumerInput): AbsoluteSpan[] {
  const start = absoluteNow();
  blockingSleep(consumeMs);
  return [
    // The pool handed the item over as the task started: an instant get.
    { lane: "consumer", kind: "get", label: "next", start, end: start },
    { lane: "consumer", kind: "process", label, start, end: absoluteNow() },
  ];
}
