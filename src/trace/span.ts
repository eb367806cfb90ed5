/**
 * The data a trace is made of: spans on named actors.
 *
 * A span is one thing an actor did, from `start` to `end` in milliseconds since the
 * recorder's origin. Instant events (a put that did not wait) are spans whose `end`
 * equals, or nearly equals, their `start`; keeping one shape for both keeps the renderer
 * and the analysis simple.
 */

/** What a span records: a hand-off into the queue, out of it, or work on an item. */
export type SpanKind = "put" | "get" | "process";

/**
 * One recorded interval.
 *
 * @example
 * const span: Span = { actor: "P", kind: "put", label: "Task 1", start: 0, end: 0.02 };
 */
export interface Span {
  /** Who did it, e.g. `"P"` (producer) or `"C"` (consumer). */
  readonly actor: string;
  readonly kind: SpanKind;
  /** Free text, usually the item, e.g. `"Task 1"`. */
  readonly label: string;
  /** Milliseconds since the recorder's origin. */
  readonly start: number;
  /** Milliseconds since the recorder's origin; never before `start`. */
  readonly end: number;
}

/**
 * How long a span lasted, in milliseconds.
 *
 * @example
 * spanDuration({ actor: "C", kind: "process", label: "Task 1", start: 10, end: 35 }); // 25
 */
export function spanDuration(span: Span): number {
  return span.end - span.start;
}
