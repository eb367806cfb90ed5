import { test, describe } from "node:test";
import assert from "node:assert/strict";
import {
  analyzeTrace,
  overlapTime,
  producerBlockedTime,
  producerWaitsForConsumer,
  sequentialSum,
  wallTime,
  workOverlapped,
  type Span,
  type SpanKind,
} from "../../src/trace/index.ts";

const span = (actor: string, kind: SpanKind, start: number, end: number, label = ""): Span => ({
  actor,
  kind,
  label,
  start,
  end,
});

/** The notes' scenario run strictly in sequence: 5 x 300 ms producing, then 5 x 1000 ms consuming. */
function sequentialRun(): Span[] {
  const spans: Span[] = [];
  for (let i = 0; i < 5; i++) {
    spans.push(span("P", "put", i * 300, i * 300), span("P", "process", i * 300, i * 300 + 300));
  }
  for (let i = 0; i < 5; i++) {
    const t = 1500 + i * 1000;
    spans.push(span("C", "get", t, t), span("C", "process", t, t + 1000));
  }
  return spans;
}

/** The same scenario with producer and consumer as concurrent tasks. */
function concurrentRun(): Span[] {
  const spans: Span[] = [];
  for (let i = 0; i < 5; i++) {
    spans.push(span("P", "put", i * 300, i * 300), span("P", "process", i * 300, i * 300 + 300));
  }
  for (let i = 0; i < 5; i++) {
    const t = i * 1000;
    spans.push(span("C", "get", t, t), span("C", "process", t, t + 1000));
  }
  return spans;
}

describe("trace analysis", () => {
  test("wall time runs from the first start to the last end", () => {
    assert.equal(wallTime([]), 0);
    assert.equal(wallTime([span("P", "put", 5, 6), span("C", "process", 6, 20)]), 15);
    assert.equal(wallTime(sequentialRun()), 6500);
    assert.equal(wallTime(concurrentRun()), 5000);
  });

  test("sequential sum adds processing spans, or the kinds asked for", () => {
    assert.equal(sequentialSum(sequentialRun()), 6500);
    assert.equal(sequentialSum(concurrentRun()), 6500);
    const withWaits = [span("P", "put", 0, 40), span("C", "process", 0, 100), span("C", "get", 100, 110)];
    assert.equal(sequentialSum(withWaits), 100);
    assert.equal(sequentialSum(withWaits, ["process", "put", "get"]), 150);
  });

  test("sequential runs do not overlap and the producer waits", () => {
    const result = analyzeTrace(sequentialRun());
    assert.equal(result.overlapped, false);
    assert.equal(result.overlapMs, 0);
    assert.equal(result.producerWaited, true);
    assert.equal(result.producerBlockedMs, 0);
  });

  test("concurrent runs overlap and the producer does not wait", () => {
    const result = analyzeTrace(concurrentRun());
    assert.equal(result.overlapped, true);
    assert.equal(result.overlapMs, 1500);
    assert.equal(result.producerWaited, false);
    assert.ok(result.wallMs < result.sequentialMs);
  });

  test("spans that only touch do not count as overlap", () => {
    assert.equal(workOverlapped([span("P", "process", 0, 10), span("C", "process", 10, 20)]), false);
    assert.equal(workOverlapped([span("P", "process", 0, 10.5), span("C", "process", 10, 20)]), true);
  });

  test("overlap is measured against consumer processing only, over merged intervals", () => {
    const spans = [
      span("P", "process", 0, 10),
      span("P", "process", 5, 15), // overlaps the previous one: counted once
      span("C", "get", 0, 100), // waiting is not processing
      span("C", "process", 12, 30),
      span("C", "process", 8, 9),
    ];
    assert.equal(overlapTime(spans), 3 + 1);
  });

  test("roles pick other actors than P and C", () => {
    const spans = [span("W1", "process", 0, 10), span("W2", "process", 5, 20)];
    assert.equal(overlapTime(spans), 0);
    assert.equal(overlapTime(spans, { producer: "W1", consumer: "W2" }), 5);
  });

  test("a producer waiting in put (backpressure) waits for the consumer, even with overlap", () => {
    const spans = [
      span("P", "process", 0, 100),
      span("P", "put", 100, 900), // queue full: held up for 800 ms
      span("C", "process", 0, 1000),
    ];
    assert.equal(producerBlockedTime(spans), 800);
    assert.equal(workOverlapped(spans), true);
    assert.equal(producerWaitsForConsumer(spans), true);
    // A put that took a few ms is scheduling noise, not waiting for a 1 s consumer.
    const quick = [span("P", "process", 0, 100), span("P", "put", 100, 103), span("C", "process", 0, 1000)];
    assert.equal(producerWaitsForConsumer(quick), false);
    assert.equal(producerWaitsForConsumer(quick, { blockedThresholdMs: 2 }), true);
  });

  test("a trace without a consumer has nothing to wait for", () => {
    assert.equal(producerWaitsForConsumer([span("P", "process", 0, 10)]), false);
    assert.equal(producerWaitsForConsumer([]), false);
  });
});
