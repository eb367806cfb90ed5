/**
 * The data a trace is made of: spans and instants on named lanes.
 *
 * A lane is one row of a timeline: one thread of control, such as a producer, a consumer,
 * or one concurrency slot of a worker (`"slot 1"`, `"slot 2"`). A span is something that
 * took time on a lane; an instant is something that happened at one moment. Times are
 * milliseconds since the recorder's origin.
 *
 * The shape maps one to one onto the Chrome trace event format, so a writer for it needs
 * no other data: a span is a complete event (`ph: "X"`, `tid` = lane, `cat` = kind,
 * `name` = label, `args`), an async span (one with an `asyncId`) a `"b"`/`"e"` pair with
 * that `id`, and an instant an `"i"` event.
 */

/**
 * What a span or instant records. The kinds the analysis and the timeline know:
 * - `"put"`: handing an item to a queue (its duration is waiting for room);
 * - `"get"`: taking an item from a queue (its duration is waiting for one);
 * - `"process"`: work on an item;
 * - `"wait"`: an item waiting, e.g. from its put to the start of its processing;
 * - `"idle"`: waiting for work that never came, e.g. a `get` that timed out.
 *
 * Any other string works too; it is drawn and counted as "other".
 */
export type SpanKind = "put" | "get" | "process" | "wait" | "idle" | (string & {});

/** Extra data on a span or instant (Chrome's `args`): a message id, an attempt, a result. */
export type TraceArgs = Readonly<Record<string, string | number | boolean>>;

/**
 * One recorded interval on a lane.
 *
 * @example
 * const span: Span = { lane: "producer", kind: "put", label: "Task 1", start: 0, end: 0.02 };
 * const queued: Span = { lane: "queue", kind: "wait", label: "msg 7", start: 3, end: 40, asyncId: "msg-7" };
 */
export interface Span {
  /** The row it belongs to, e.g. `"producer"`, `"consumer"`, `"slot 2"`. */
  readonly lane: string;
  readonly kind: SpanKind;
  /** Free text, usually the item, e.g. `"Task 1"`. */
  readonly label: string;
  /** Milliseconds since the recorder's origin. */
  readonly start: number;
  /** Milliseconds since the recorder's origin; never before `start`. */
  readonly end: number;
  readonly args?: TraceArgs;
  /**
   * Set on an async span: one that is not its lane's thread of control at work but
   * something in flight, such as a message waiting in a queue, so it may overlap other
   * spans on its lane. Spans with the same id belong to the same thing (one message).
   */
  readonly asyncId?: string;
}

/**
 * Something that happened at one moment on a lane: a message enqueued, a retry scheduled.
 *
 * @example
 * const instant: Instant = { lane: "producer", kind: "put", label: "msg 7", at: 12.5 };
 */
export interface Instant {
  readonly lane: string;
  readonly kind: SpanKind;
  readonly label: string;
  /** Milliseconds since the recorder's origin. */
  readonly at: number;
  readonly args?: TraceArgs;
}

/**
 * How long a span lasted, in milliseconds.
 *
 * @example
 * spanDuration({ lane: "consumer", kind: "process", label: "Task 1", start: 10, end: 35 }); // 25
 */
export function spanDuration(span: Span): number {
  return span.end - span.start;
}

/**
 * Checks that `span` is well formed (strings where strings go, finite times, `end` not
 * before `start`), for spans that come from elsewhere: another thread, a file.
 *
 * @example
 * assertSpan(JSON.parse(line)); // throws a TypeError or RangeError saying what is wrong
 */
export function assertSpan(span: Span): void {
  if (typeof span !== "object" || span === null) {
    throw new TypeError(`expected a span object, got ${span === null ? "null" : typeof span}`);
  }
  for (const key of ["lane", "kind", "label"] as const) {
    if (typeof span[key] !== "string") {
      throw new TypeError(`span.${key} must be a string, got ${typeof span[key]}`);
    }
  }
  for (const key of ["start", "end"] as const) {
    if (typeof span[key] !== "number" || !Number.isFinite(span[key])) {
      throw new TypeError(`span.${key} must be a finite number, got ${String(span[key])}`);
    }
  }
  if (span.end < span.start) {
    throw new RangeError(`span "${span.label}" ends (${span.end}) before it starts (${span.start})`);
  }
  if (span.asyncId !== undefined && typeof span.asyncId !== "string") {
    throw new TypeError(`span.asyncId must be a string when set, got ${typeof span.asyncId}`);
  }
}
