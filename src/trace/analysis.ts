/**
 * Measures a trace the way the user's notes compare their examples: how long it took,
 * how long it would take if nothing overlapped, whether producer and consumer worked at
 * the same time, and whether the producer was held up by the consumer.
 */
import { spanDuration, type Span, type SpanKind } from "./span.ts";

/** Which actors play producer and consumer; `"P"` and `"C"` unless told. */
export interface ActorRoles {
  producer?: string;
  consumer?: string;
}

/** Options of {@link analyzeTrace}. */
export interface AnalysisOptions extends ActorRoles {
  /**
   * A producer that spent at least this long inside `put` calls was held up by the
   * consumer (backpressure). Default: a quarter of the mean consumer processing span, the
   * smallest wait that can only come from waiting on the consumer, not from scheduling.
   */
  blockedThresholdMs?: number;
}

/** What {@link analyzeTrace} found. */
export interface TraceAnalysis {
  /** From the first span's start to the last span's end, in ms. */
  wallMs: number;
  /** The sum of every processing span: the run time if nothing overlapped, in ms. */
  sequentialMs: number;
  /** How long producer spans and consumer processing ran at the same time, in ms. */
  overlapMs: number;
  /** Whether producer spans and consumer processing ever ran at the same time. */
  overlapped: boolean;
  /** Time the producer spent inside `put` (waiting for room in the queue), in ms. */
  producerBlockedMs: number;
  /** Whether the producer was held up by the consumer (see {@link producerWaitsForConsumer}). */
  producerWaited: boolean;
}

type Interval = readonly [start: number, end: number];

/**
 * From the earliest start to the latest end, in ms; 0 for an empty trace.
 *
 * @example
 * wallTime([{ actor: "P", kind: "put", label: "a", start: 5, end: 6 },
 *           { actor: "C", kind: "process", label: "a", start: 6, end: 20 }]); // 15
 */
export function wallTime(spans: readonly Span[]): number {
  if (spans.length === 0) return 0;
  let first = Infinity;
  let last = -Infinity;
  for (const span of spans) {
    first = Math.min(first, span.start);
    last = Math.max(last, span.end);
  }
  return last - first;
}

/**
 * The sum of the durations of the spans of the given kinds (processing only, unless
 * told): how long the run would take if no work overlapped. Puts and gets are left out
 * by default because their duration is waiting, which a sequential run would not have.
 *
 * @example
 * sequentialSum(spans);                               // processing only
 * sequentialSum(spans, ["process", "put", "get"]);    // every span
 */
export function sequentialSum(spans: readonly Span[], kinds: readonly SpanKind[] = ["process"]): number {
  let total = 0;
  for (const span of spans) if (kinds.includes(span.kind)) total += spanDuration(span);
  return total;
}

/**
 * How long, in ms, any span of the producer ran while the consumer was processing.
 *
 * @example
 * overlapTime(spans) > 0; // producer and consumer worked at the same time
 */
export function overlapTime(spans: readonly Span[], roles: ActorRoles = {}): number {
  const { producer = "P", consumer = "C" } = roles;
  const producing = merge(spans.filter((s) => s.actor === producer));
  const consuming = merge(spans.filter((s) => s.actor === consumer && s.kind === "process"));
  return intersectionLength(producing, consuming);
}

/**
 * Whether any producer span ran while the consumer was processing.
 *
 * @example
 * workOverlapped(spans); // true for producer and consumer as concurrent tasks
 */
export function workOverlapped(spans: readonly Span[], roles: ActorRoles = {}): boolean {
  return overlapTime(spans, roles) > 0;
}

/**
 * Time, in ms, the producer spent inside `put`: waiting for the consumer to make room.
 *
 * @example
 * producerBlockedTime(spans); // ~0 for an unbounded queue
 */
export function producerBlockedTime(spans: readonly Span[], roles: ActorRoles = {}): number {
  const { producer = "P" } = roles;
  return sequentialSum(
    spans.filter((s) => s.actor === producer),
    ["put"],
  );
}

/**
 * Whether the producer was held up by the consumer, in either of the two ways the notes
 * mean by "the producer is blocked by the consumer":
 * - the two sides took turns: both did work but never at the same time, so each one had
 *   to wait for the other to stop (the sequential examples 1 and 3);
 * - the producer waited inside `put` for at least `blockedThresholdMs` (backpressure of a
 *   full bounded queue).
 *
 * @example
 * producerWaitsForConsumer(sequentialSpans); // true
 * producerWaitsForConsumer(concurrentSpans); // false
 */
export function producerWaitsForConsumer(spans: readonly Span[], options: AnalysisOptions = {}): boolean {
  const { producer = "P", consumer = "C" } = options;
  const producerWorked = spans.some((s) => s.actor === producer);
  const consumerSpans = spans.filter((s) => s.actor === consumer && s.kind === "process");
  const tookTurns = producerWorked && consumerSpans.length > 0 && !workOverlapped(spans, options);
  if (tookTurns) return true;
  const threshold =
    options.blockedThresholdMs ??
    (consumerSpans.length > 0 ? sequentialSum(consumerSpans) / consumerSpans.length / 4 : 1);
  const blocked = producerBlockedTime(spans, options);
  return blocked > 0 && blocked >= threshold;
}

/**
 * Every measure of this module at once.
 *
 * @example
 * const { wallMs, sequentialMs, overlapped, producerWaited } = analyzeTrace(trace.spans());
 */
export function analyzeTrace(spans: readonly Span[], options: AnalysisOptions = {}): TraceAnalysis {
  const overlapMs = overlapTime(spans, options);
  return {
    wallMs: wallTime(spans),
    sequentialMs: sequentialSum(spans),
    overlapMs,
    overlapped: overlapMs > 0,
    producerBlockedMs: producerBlockedTime(spans, options),
    producerWaited: producerWaitsForConsumer(spans, options),
  };
}

/** Sorts intervals and merges those that touch or overlap into disjoint ones. */
function merge(spans: readonly Span[]): Interval[] {
  const sorted = spans.map((s): Interval => [s.start, s.end]).sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [start, end] of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** Total length of the intersection of two sets of disjoint, sorted intervals. */
function intersectionLength(a: readonly Interval[], b: readonly Interval[]): number {
  let total = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const [aStart, aEnd] = a[i];
    const [bStart, bEnd] = b[j];
    total += Math.max(0, Math.min(aEnd, bEnd) - Math.max(aStart, bStart));
    // Advance whichever interval ends first; the other may still meet the next one.
    if (aEnd < bEnd) i++;
    else j++;
  }
  return total;
}
