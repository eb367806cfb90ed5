/**
 * Tracing for the demo and for anyone who wants to see their own pipeline: record spans
 * while code runs, draw them as an ASCII timeline, and measure overlap and waiting.
 *
 * @example
 * import { TraceRecorder, renderTimeline, analyzeTrace } from "./trace/index.ts";
 * const trace = new TraceRecorder();
 * // ... trace.span("P", "put", "Task 1", () => q.put("Task 1")) ...
 * console.log(renderTimeline(trace.spans()));
 * console.log(analyzeTrace(trace.spans()).overlapped);
 */
export type { Span, SpanKind } from "./span.ts";
export { spanDuration } from "./span.ts";
export { TraceRecorder, type Clock } from "./recorder.ts";
export { renderTimeline, formatDuration, type TimelineOptions } from "./timeline.ts";
export {
  analyzeTrace,
  wallTime,
  sequentialSum,
  overlapTime,
  workOverlapped,
  producerBlockedTime,
  producerWaitsForConsumer,
  type ActorRoles,
  type AnalysisOptions,
  type TraceAnalysis,
} from "./analysis.ts";
