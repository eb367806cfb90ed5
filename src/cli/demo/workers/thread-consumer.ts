/**
 * The consumer of demo mode 2 (seed 000 §2), run as a `ThreadPool` task on a worker
 * thread: Python's `consumer()` thread over a `queue.Queue`, written the same blocking
 * way. `getSync` waits like `q.get()`, and the 1.0 s of work is a blocking sleep like
 * `time.sleep`: it freezes this thread only, while the main thread keeps producing.
 *
 * The consumer stops when the main thread shuts the queue down after `join()` (instead of
 * the note's 4 s `get` timeout, which would add 4 s of idling to the measured total), and
 * returns its spans in absolute time (see absolute-time.ts).
 */
import { QueueShutDown } from "../../../core/errors.ts";
import { ThreadQueue, type ThreadQueueHandle } from "../../../exec/thread-queue/index.ts";
import { blockingSleep } from "../scenario.ts";
import { absoluteNow, type AbsoluteSpan } from "./absolute-time.ts";

/** What the main thread hands the consumer. */
export interface ThreadConsumerInput {
  /** The shared queue, from `ThreadQueue#handle`. */
  readonly queue: ThreadQueueHandle;
  /** Blocking work per item, in ms. */
  readonly consumeMs: number;
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
 * Takes items until the queue is shut down and drained, working on each for
 * `consumeMs` with a blocking sleep and marking it done; returns what it did as spans.
 *
 * @example
 * const spans = await pool.run<AbsoluteSpan[]>({ queue: q.handle, consumeMs: 250 }, { name: "consume" });
 */
export function consume({ queue, consumeMs }: ThreadConsumerInput): AbsoluteSpan[] {
  const q = ThreadQueue.attach<string>(queue);
  const spans: AbsoluteSpan[] = [];
  for (;;) {
    const getStart = absoluteNow();
    let msg: string;
    try {
      msg = q.getSync();
    } catch (err) {
      // Shut down and drained: the loop's exit, not a hand-off, so not recorded.
      if (err instanceof QueueShutDown) return spans;
      throw err;
    }
    const start = absoluteNow();
    spans.push({ actor: "C", kind: "get", label: "next", start: getStart, end: start });
    blockingSleep(consumeMs);
    spans.push({ actor: "C", kind: "process", label: msg, start, end: absoluteNow() });
    q.taskDone();
  }
}
