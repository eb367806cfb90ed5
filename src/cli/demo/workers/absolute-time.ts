/**
 * One clock for spans recorded on different threads and processes.
 *
 * A `TraceRecorder` counts from its own creation, on its own thread's `performance`
 * clock, which other threads and processes cannot read. So a consumer running elsewhere
 * records absolute times (`performance.timeOrigin + performance.now()`: milliseconds
 * since the Unix epoch, sub-millisecond, monotonic within one thread), sends them back
 * with its result, and the main side shifts them onto the recorder's time base.
 */
import { performance } from "node:perf_hooks";
import type { Span, TraceRecorder } from "../../../trace/index.ts";

/** A span whose `start` and `end` are absolute (epoch ms), as a worker records them. */
export type AbsoluteSpan = Span;

/**
 * Now, as absolute epoch milliseconds comparable across threads and processes.
 *
 * @example
 * const start = absoluteNow(); doWork(); const ms = absoluteNow() - start;
 */
export function absoluteNow(): number {
  return performance.timeOrigin + performance.now();
}

/**
 * Shifts spans recorded with {@link absoluteNow} onto `trace`'s time base, so they line
 * up with the spans `trace` recorded itself.
 *
 * @example
 * const spans = [...trace.spans(), ...toRecorderTime(await consumerDone, trace)];
 */
export function toRecorderTime(spans: readonly AbsoluteSpan[], trace: TraceRecorder): Span[] {
  // The recorder's origin as an absolute time: "now" on both clocks, read together.
  const origin = absoluteNow() - trace.now();
  return spans.map((s) => ({ ...s, start: s.start - origin, end: s.end - origin }));
}

/**
 * Spans from several sources in one list, ordered as `TraceRecorder.spans()` orders them.
 *
 * @example
 * mergeSpans(trace.spans(), toRecorderTime(workerSpans, trace));
 */
export function mergeSpans(...lists: readonly (readonly Span[])[]): Span[] {
  return lists.flat().sort((a, b) => a.start - b.start || a.end - b.end);
}
