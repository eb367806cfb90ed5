/**
 * `conveyor/trace`: see what a pipeline did in time. Record spans (on lanes: a producer,
 * a consumer, a worker's concurrency slots) and instants while code runs, measure them
 * (overlap, turn-taking, idle time, waiting in put), and draw them as an ASCII timeline.
 *
 * The data model maps onto the Chrome trace event format (see {@link Span}); writers
 * for it and for SVG are planned, not here yet.
 *
 * @example
 * import { TraceRecorder, analyzeTrace, renderTimeline } from "conveyor/trace";
 *
 * const trace = new TraceRecorder();
 * const producer = async () => {
 *   for (const item of ["a", "b", "c"]) await trace.span("producer", "put", item, () => q.put(item));
 * };
 * const consumer = async () => {
 *   for (let i = 0; i < 3; i++) {
 *     const item = await trace.span("consumer", "get", "next", () => q.get());
 *     await trace.span("consumer", "process", item, () => handle(item));
 *   }
 * };
 * await Promise.all([producer(), consumer()]);
 *
 * console.log(renderTimeline(trace.spans()));
 * const { overlapMs, tookTurns } = analyzeTrace(trace.spans());
 */
export type { Instant, Span, SpanKind, TraceArgs } from "./span.ts";
export { assertSpan, spanDuration } from "./span.ts";
export { TraceRecorder, type Clock, type FinishSpan, type SpanOptions } from "./recorder.ts";
export { formatDuration, renderTimeline, type KindStyle, type TimelineOptions } from "./timeline.ts";
export {
  analyzeTrace,
  handOffs,
  idleTime,
  overlapTime,
  producerBlockedTime,
  producerWaitsForConsumer,
  sequentialSum,
  tookTurns,
  wallTime,
  workOverlapped,
  type AnalysisOptions,
  type HandOffs,
  type LaneRoles,
  type TraceAnalysis,
} from "./analysis.ts";
