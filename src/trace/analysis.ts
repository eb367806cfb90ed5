/**
 * Measures a trace the way the user's notes compare their examples: how long it took,
 * how long it would take if nothing overlapped, how long producer and consumer worked at
 * the same time, whether they took turns, and how long the consumer sat idle.
 *
 * Producers and consumers are lanes: by default the lanes `"producer"` and `"consumer"`;
 * a worker with several concurrency slots passes them all as consumer lanes.
 */
import { spanDuration, type Span, type SpanKind } from "./span.ts";

/** Which lanes produce and which consume; `"producer"` and `"consumer"` unless told. */
export interface LaneRoles {
  producer?: string | readonly string[];
  consumer?: string | readonly string[];
}

/** Options of {@link analyzeTrace}. */
export interface AnalysisOptions extends LaneRoles {
  /**
   * A producer that spent at least this long inside `put` calls was held up by the
   * consumer (backpressure). Default: a quarter of the mean consumer processing span, the
   * smallest wait that can only come from waiting on the consumer, not from scheduling.
   */
  blockedThresholdMs?: number;
}

/** What {@link analyzeTrace} found. All times in ms. */
export interface TraceAnalysis {
  /** From the first span's start to the last span's end. */
  wallMs: number;
  /** The sum of every processing span: the run time if nothing overlapped. */
  sequentialMs: number;
  /** How long producer spans and consumer processing ran at the same time. */
  overlapMs: number;
  /** Whether producer spans and consumer processing ever ran at the same time. */
  overlapped: boolean;
  /** Time spent in `idle` spans: waiting for work that never came (a get timing out). */
  idleMs: number;
  /** How many puts the producer made. */
  puts: number;
  /** How many of them completed while a consumer was processing an item. */
  putsDuringWork: number;
  /** Whether the two sides took turns: the consumer worked, but never while a put happened. */
  tookTurns: boolean;
  /** Time the producer spent inside `put` (waiting for room in the queue). */
  producerBlockedMs: number;
  /** Whether the producer was held up by the consumer (see {@link producerWaitsForConsumer}). */
  producerWaited: boolean;
}

/** Puts, and how many of them happened while the consumer was at work. */
export interface HandOffs {
  puts: number;
  putsDuringWork: number;
}

type Interval = readonly [start: number, end: number];

/**
 * From the earliest start to the latest end, in ms; 0 for an empty trace.
 *
 * @example
 * wallTime([{ lane: "producer", kind: "put", label: "a", start: 5, end: 6 },
 *           { lane: "consumer", kind: "process", label: "a", start: 6, end: 20 }]); // 15
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
 * sequentialSum(spans, ["process", "put", "get"]);    // those three kinds
 */
export function sequentialSum(spans: readonly Span[], kinds: readonly SpanKind[] = ["process"]): number {
  let total = 0;
  for (const span of spans) if (kinds.includes(span.kind)) total += spanDuration(span);
  return total;
}

/**
 * Time, in ms, spent waiting for work that never came (`idle` spans), such as the
 * notes' consumer waiting out its 4 s `get` timeout after the last item.
 *
 * @example
 * idleTime(spans); // 4000 for the notes' threading example at scale 1
 */
export function idleTime(spans: readonly Span[]): number {
  return sequentialSum(spans, ["idle"]);
}

/**
 * How long, in ms, any producer span ran while a consumer was processing. Async spans
 * and waiting (`wait`, `idle`) are not the producer at work, so they are left out.
 *
 * @example
 * overlapTime(spans) > 0; // producer and consumer worked at the same time
 */
export function overlapTime(spans: readonly Span[], roles: LaneRoles = {}): number {
  const { producer, consumer } = lanesOf(roles);
  const producing = merge(
    spans.filter((s) => producer.has(s.lane) && s.asyncId === undefined && s.kind !== "wait" && s.kind !== "idle"),
  );
  const consuming = merge(consumerWork(spans, consumer));
  return intersectionLength(producing, consuming);
}

/**
 * Whether any producer span ran while a consumer was processing.
 *
 * @example
 * workOverlapped(spans); // true for producer and consumer as concurrent tasks
 */
export function workOverlapped(spans: readonly Span[], roles: LaneRoles = {}): boolean {
  return overlapTime(spans, roles) > 0;
}

/**
 * Counts the producer's puts, and those that completed while a consumer was processing
 * an item: a put during the consumer's work means the producer went on while the
 * consumer held an item, so the two did not have to take turns.
 *
 * @example
 * handOffs(spans); // { puts: 5, putsDuringWork: 4 } for producer and consumer as tasks
 */
export function handOffs(spans: readonly Span[], roles: LaneRoles = {}): HandOffs {
  const { producer, consumer } = lanesOf(roles);
  const work = merge(consumerWork(spans, consumer));
  const puts = spans.filter((s) => producer.has(s.lane) && s.kind === "put");
  const during = puts.filter((put) => work.some(([start, end]) => put.end > start && put.end < end));
  return { puts: puts.length, putsDuringWork: during.length };
}

/**
 * Whether producer and consumer took turns: both did something, but no put completed
 * while the consumer was processing, so each side ran only while the other had stopped.
 * This is what the notes' table calls "the producer is blocked by the consumer".
 *
 * @example
 * tookTurns(sequentialSpans); // true: the consumer starts after the last put
 * tookTurns(concurrentSpans); // false: 4 of 5 puts happen while the consumer works
 */
export function tookTurns(spans: readonly Span[], roles: LaneRoles = {}): boolean {
  const { consumer } = lanesOf(roles);
  const { puts, putsDuringWork } = handOffs(spans, roles);
  return puts > 0 && consumerWork(spans, consumer).length > 0 && putsDuringWork === 0;
}

/**
 * Time, in ms, the producer spent inside `put`: waiting for the consumer to make room.
 *
 * @example
 * producerBlockedTime(spans); // ~0 for an unbounded queue
 */
export function producerBlockedTime(spans: readonly Span[], roles: LaneRoles = {}): number {
  const { producer } = lanesOf(roles);
  return sequentialSum(
    spans.filter((s) => producer.has(s.lane)),
    ["put"],
  );
}

/**
 * Whether the producer was held up by the consumer, in either of two ways:
 * - the two sides took turns ({@link tookTurns}): the sequential examples 1 and 3;
 * - the producer waited inside `put` for at least `blockedThresholdMs` (backpressure of a
 *   full bounded queue), even if the work overlapped.
 *
 * @example
 * producerWaitsForConsumer(sequentialSpans); // true
 * producerWaitsForConsumer(concurrentSpans); // false
 */
export function producerWaitsForConsumer(spans: readonly Span[], options: AnalysisOptions = {}): boolean {
  if (tookTurns(spans, options)) return true;
  const work = consumerWork(spans, lanesOf(options).consumer);
  const threshold = options.blockedThresholdMs ?? (work.length > 0 ? sequentialSum(work) / work.length / 4 : 1);
  const blocked = producerBlockedTime(spans, options);
  return blocked > 0 && blocked >= threshold;
}

/**
 * Every measure of this module at once.
 *
 * @example
 * const { wallMs, sequentialMs, overlapMs, tookTurns, idleMs } = analyzeTrace(trace.spans());
 */
export function analyzeTrace(spans: readonly Span[], options: AnalysisOptions = {}): TraceAnalysis {
  const overlapMs = overlapTime(spans, options);
  return {
    wallMs: wallTime(spans),
    sequentialMs: sequentialSum(spans),
    overlapMs,
    overlapped: overlapMs > 0,
    idleMs: idleTime(spans),
    ...handOffs(spans, options),
    tookTurns: tookTurns(spans, options),
    producerBlockedMs: producerBlockedTime(spans, options),
    producerWaited: producerWaitsForConsumer(spans, options),
  };
}

function lanesOf(roles: LaneRoles): { producer: ReadonlySet<string>; consumer: ReadonlySet<string> } {
  const set = (value: string | readonly string[] | undefined, fallback: string) =>
    new Set(value === undefined ? [fallback] : typeof value === "string" ? [value] : value);
  return { producer: set(roles.producer, "producer"), consumer: set(roles.consumer, "consumer") };
}

function consumerWork(spans: readonly Span[], consumer: ReadonlySet<string>): Span[] {
  return spans.filter((s) => consumer.has(s.lane) && s.kind === "process");
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
