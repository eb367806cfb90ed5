/**
 * The consumer of demo mode 2 (seed 000 §2), run as a `ThreadPool` task on a worker
 * thread: Python's `consumer()` thread over a `queue.Queue`, written the same blocking
 * way. `getSync(timeout)` waits like `q.get(timeout=4.0)`, and the 1.0 s of work is a
 * blocking sleep like `time.sleep`: it freezes this thread only, while the main thread
 * keeps producing.
 *
 * As in the notes, the consumer stops when a get times out (`queue.Empty`); that last
 * wait is recorded as an `idle` span. It returns its spans in absolute time (see
 * absolute-time.ts).
 */
import { QueueEmpty, QueueShutDown } from "../../../core/errors.ts";
import { ThreadQueue, type ThreadQueueHandle } from "../../../exec/thread-queue/index.ts";
import { blockingSleep } from "../scenario.ts";
import { absoluteNow, type AbsoluteSpan } from "./absolute-time.ts";

/** What the main thread hands the consumer. */
export interface ThreadConsumerInput {
  /** The shared queue, from `ThreadQueue#handle`. */
  readonly queue: ThreadQueueHandle;
  /** Blocking work per item, in ms. */
  readonly consumeMs: number;
  /** How long a get waits for an item before the consumer stops, in ms. */
  readonly getTimeoutMs: number;
}

/**
 * Resolves at once: the main thread runs it first so the thread is up (a fresh V8
 * isolate with its modules loaded) before the timeline starts.
 *
 * @example
 * await pool.run(undefined, { name: "ready" });
 */
export function ready(): true {
  return true;
}

/**
 * Takes items until a get times out (or the queue is shut down), working on each for
 * `consumeMs` with a blocking sleep and marking it done; returns what it did as spans.
 *
 * @example
 * const spans = await pool.run<AbsoluteSpan[]>({ queue: q.handle, consumeMs: 250, getTimeoutMs: 1000 }, { name: "consume" });
 */
export function consume({ queue, consumeMs, getTimeoutMs }: ThreadConsumerInput): AbsoluteSpan[] {
  const q = ThreadQueue.attach<string>(queue);
  const spans: AbsoluteSpan[] = [];
  for (;;) {
    const getStart = absoluteNow();
    let msg: string;
    try {
      msg = q.getSync(getTimeoutMs);
    } catch (err) {
      if (err instanceof QueueEmpty) {
        spans.push({ lane: "consumer", kind: "idle", label: "get timed out", start: getStart, end: absoluteNow() });
        return spans;
      }
      // Shut down by the main thread after a failure: stop without a word.
      if (err instanceof QueueShutDown) return spans;
      throw err;
    }
    const start = absoluteNow();
    spans.push({ lane: "consumer", kind: "get", label: "next", start: getStart, end: start });
    blockingSleep(consumeMs);
    spans.push({ lane: "consumer", kind: "process", label: msg, start, end: absoluteNow() });
    q.taskDone();
  }
}
