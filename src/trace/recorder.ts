/**
 * Records spans as code runs.
 *
 * State: a recorder only grows. `begin()` hands back a `finish` function; the span is
 * stored when `finish` is called, so a span that never finished (its operation threw and
 * the caller chose not to record failures) leaves nothing half-written behind.
 */
import { performance } from "node:perf_hooks";
import type { Span, SpanKind } from "./span.ts";

/** A monotonic clock in milliseconds; injectable so tests can drive time by hand. */
export type Clock = () => number;

/**
 * Collects {@link Span}s with times relative to the moment it was created.
 *
 * @example
 * const trace = new TraceRecorder();
 * await trace.span("P", "put", "Task 1", () => q.put("Task 1"));
 * const finish = trace.begin("C", "process", "Task 1");
 * await setTimeout(100);
 * finish();
 * trace.spans(); // [{ actor: "P", kind: "put", ... }, { actor: "C", kind: "process", ... }]
 */
export class TraceRecorder {
  readonly #clock: Clock;
  readonly #origin: number;
  readonly #spans: Span[] = [];

  constructor(clock: Clock = () => performance.now()) {
    this.#clock = clock;
    this.#origin = clock();
  }

  /** Milliseconds since the recorder was created. */
  now(): number {
    return this.#clock() - this.#origin;
  }

  /**
   * Starts a span now; call the returned function to end it and store it.
   *
   * @example
   * const finish = trace.begin("C", "process", "Task 1");
   * doWork();
   * const span = finish();
   */
  begin(actor: string, kind: SpanKind, label: string): () => Span {
    const start = this.now();
    let recorded: Span | undefined;
    return () => {
      // Finishing twice must not store the span twice.
      if (recorded === undefined) {
        recorded = { actor, kind, label, start, end: Math.max(start, this.now()) };
        this.#spans.push(recorded);
      }
      return recorded;
    };
  }

  /**
   * Runs `fn` inside a span and returns what it returns. The span is recorded whether
   * `fn` succeeds or throws, because time spent failing is time spent too.
   *
   * @example
   * const item = await trace.span("C", "get", "Task 1", () => q.get());
   */
  async span<T>(actor: string, kind: SpanKind, label: string, fn: () => T | PromiseLike<T>): Promise<T> {
    const finish = this.begin(actor, kind, label);
    try {
      return await fn();
    } finally {
      finish();
    }
  }

  /**
   * Like {@link TraceRecorder.span} for synchronous work (a blocking sleep, a plain push).
   *
   * @example
   * trace.spanSync("P", "put", "Task 1", () => list.push("Task 1"));
   */
  spanSync<T>(actor: string, kind: SpanKind, label: string, fn: () => T): T {
    const finish = this.begin(actor, kind, label);
    try {
      return fn();
    } finally {
      finish();
    }
  }

  /** Every recorded span, ordered by start time (then by end time). */
  spans(): Span[] {
    return [...this.#spans].sort((a, b) => a.start - b.start || a.end - b.end);
  }
}
