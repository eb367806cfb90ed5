/**
 * Records spans and instants as code runs.
 *
 * State: a recorder only grows. `begin()` hands back a `finish` function; the span is
 * stored when `finish` is first called (later calls return the same span), so a span
 * that never finished (its operation threw and the caller chose not to record failures)
 * leaves nothing half-written behind. `span()`/`spanSync()` always finish, success or not.
 */
import { performance } from "node:perf_hooks";
import { assertSpan, type Instant, type Span, type SpanKind, type TraceArgs } from "./span.ts";

/** A monotonic clock in milliseconds; injectable so tests can drive time by hand. */
export type Clock = () => number;

/** Options of {@link TraceRecorder.begin} and friends. */
export interface SpanOptions {
  /** Data to store with the span; `finish(args)` can add more. */
  args?: TraceArgs;
  /** Makes the span async (see {@link Span.asyncId}): it may overlap others on its lane. */
  asyncId?: string;
}

/** Ends a span begun with {@link TraceRecorder.begin}; `args` are merged into the span's. */
export type FinishSpan = (args?: TraceArgs) => Span;

/**
 * Collects {@link Span}s and {@link Instant}s with times relative to its creation.
 *
 * A queue worker records one span per message on the lane of the concurrency slot that
 * ran it, and an async `wait` span from the message's put to the start of its run:
 *
 * @example
 * const trace = new TraceRecorder();
 * // producer side
 * const queued = trace.begin("queue", "wait", "msg 7", { asyncId: "msg-7" });
 * await trace.span("producer", "put", "msg 7", () => q.put(msg));
 * // worker side, slot 2 of 4
 * queued();
 * await trace.span("slot 2", "process", "msg 7", () => handle(msg), { args: { attempt: 1 } });
 * trace.instant("slot 2", "ack", "msg 7");
 * trace.spans(); // [{ lane: "queue", kind: "wait", ... }, { lane: "producer", kind: "put", ... }, ...]
 */
export class TraceRecorder {
  readonly #clock: Clock;
  readonly #origin: number;
  readonly #spans: Span[] = [];
  readonly #instants: Instant[] = [];

  constructor(clock: Clock = () => performance.now()) {
    if (typeof clock !== "function") {
      throw new TypeError(`TraceRecorder: clock must be a function returning ms, got ${typeof clock}`);
    }
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
   * const finish = trace.begin("consumer", "process", "Task 1");
   * doWork();
   * const span = finish({ ok: true });
   */
  begin(lane: string, kind: SpanKind, label: string, options: SpanOptions = {}): FinishSpan {
    const start = this.now();
    let recorded: Span | undefined;
    return (args) => {
      // Finishing twice must not store the span twice.
      if (recorded === undefined) {
        const merged = options.args || args ? { ...options.args, ...args } : undefined;
        recorded = {
          lane,
          kind,
          label,
          start,
          end: Math.max(start, this.now()),
          ...(merged && { args: merged }),
          ...(options.asyncId !== undefined && { asyncId: options.asyncId }),
        };
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
   * const item = await trace.span("consumer", "get", "next", () => q.get());
   */
  async span<T>(
    lane: string,
    kind: SpanKind,
    label: string,
    fn: () => T | PromiseLike<T>,
    options?: SpanOptions,
  ): Promise<T> {
    const finish = this.begin(lane, kind, label, options);
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
   * trace.spanSync("producer", "put", "Task 1", () => list.push("Task 1"));
   */
  spanSync<T>(lane: string, kind: SpanKind, label: string, fn: () => T, options?: SpanOptions): T {
    const finish = this.begin(lane, kind, label, options);
    try {
      return fn();
    } finally {
      finish();
    }
  }

  /**
   * Records that something happened now.
   *
   * @example
   * trace.instant("slot 1", "ack", "msg 7", { attempt: 2 });
   */
  instant(lane: string, kind: SpanKind, label: string, args?: TraceArgs): Instant {
    const instant: Instant = { lane, kind, label, at: this.now(), ...(args && { args }) };
    this.#instants.push(instant);
    return instant;
  }

  /**
   * Stores a span timed elsewhere (on another thread's clock, shifted onto this one's
   * origin; or computed), after checking it is well formed.
   *
   * @example
   * trace.add({ lane: "consumer", kind: "process", label: "Task 1", start: 3, end: 203 });
   */
  add(span: Span): Span {
    assertSpan(span);
    this.#spans.push(span);
    return span;
  }

  /** Every recorded span, ordered by start time (then by end time). */
  spans(): Span[] {
    return [...this.#spans].sort((a, b) => a.start - b.start || a.end - b.end);
  }

  /** Every recorded instant, in time order. */
  instants(): Instant[] {
    return [...this.#instants].sort((a, b) => a.at - b.at);
  }
}
