import { test, describe } from "node:test";
import assert from "node:assert/strict";
import {
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
  type Span,
  type SpanKind,
} from "../../src/trace/index.ts";

const span = (lane: string, kind: SpanKind, start: number, end: number, label = ""): Span => ({
  lane,
  kind,
  label,
  start,
  end,
});

/** The notes' §1 at scale 1: 5 x 300 ms producing, then 5 x 1000 ms consuming. */
function sequentialRun(): Span[] {
  const spans: Span[] = [];
  for (let i = 0; i < 5; i++) {
    spans.push(span("producer", "put", i * 300, i * 300), span("producer", "process", i * 300, i * 300 + 300));
  }
  for (let i = 0; i < 5; i++) {
    const t = 1500 + i * 1000;
    spans.push(span("consumer", "get", t, t), span("consumer", "process", t, t + 1000));
  }
  return spans;
}

/** The notes' §3: five puts at once, no producer work, then the consumer. */
function putAllThenConsume(): Span[] {
  const spans: Span[] = [];
  for (let i = 0; i < 5; i++) spans.push(span("producer", "put", i * 0.01, i * 0.01 + 0.005));
  for (let i = 0; i < 5; i++) {
    const t = 0.1 + i * 1000;
    spans.push(span("consumer", "get", t, t), span("consumer", "process", t, t + 1000));
  }
  return spans;
}

/** The notes' §2/§4: concurrent, ending with the consumer's 4 s get timing out. */
function concurrentRun(): Span[] {
  const spans: Span[] = [];
  for (let i = 0; i < 5; i++) {
    spans.push(span("producer", "put", i * 300, i * 300), span("producer", "process", i * 300, i * 300 + 300));
  }
  for (let i = 0; i < 5; i++) {
    const t = i * 1000;
    spans.push(span("consumer", "get", t, t), span("consumer", "process", t, t + 1000));
  }
  spans.push(span("consumer", "idle", 5000, 9000, "get timed out"));
  return spans;
}

describe("trace analysis", () => {
  test("wall time runs from the first start to the last end", () => {
    assert.equal(wallTime([]), 0);
    assert.equal(wallTime([span("producer", "put", 5, 6), span("consumer", "process", 6, 20)]), 15);
    assert.equal(wallTime(sequentialRun()), 6500);
    assert.equal(wallTime(concurrentRun()), 9000);
  });

  test("sequential sum adds processing spans, or the kinds asked for", () => {
    assert.equal(sequentialSum(sequentialRun()), 6500);
    assert.equal(sequentialSum(concurrentRun()), 6500);
    const withWaits = [span("producer", "put", 0, 40), span("consumer", "process", 0, 100), span("consumer", "get", 100, 110)];
    assert.equal(sequentialSum(withWaits), 100);
    assert.equal(sequentialSum(withWaits, ["process", "put", "get"]), 150);
  });

  test("idle time is the consumer waiting for work that never came", () => {
    assert.equal(idleTime(concurrentRun()), 4000);
    assert.equal(idleTime(sequentialRun()), 0);
    // The idle tail is neither work nor overlap.
    assert.equal(analyzeTrace(concurrentRun()).sequentialMs, 6500);
  });

  test("§1: the two take turns, no overlap, no put waited", () => {
    const result = analyzeTrace(sequentialRun());
    assert.equal(result.overlapped, false);
    assert.equal(result.overlapMs, 0);
    assert.deepEqual([result.puts, result.putsDuringWork], [5, 0]);
    assert.equal(result.tookTurns, true);
    assert.equal(result.producerWaited, true);
    assert.equal(result.producerBlockedMs, 0);
  });

  test("§3: puts all at once, then the consumer: turns, though nothing waited", () => {
    const result = analyzeTrace(putAllThenConsume());
    assert.equal(result.tookTurns, true);
    assert.equal(result.overlapMs, 0);
    assert.equal(result.sequentialMs, 5000);
    assert.ok(result.producerBlockedMs < 0.05);
  });

  test("§2/§4: overlap, 4 of 5 puts during the consumer's work, no turns", () => {
    const result = analyzeTrace(concurrentRun());
    assert.equal(result.overlapped, true);
    // The producer's 1.5 s (puts and sleeps) all fall within the consumer's first 2 items.
    assert.equal(result.overlapMs, 1500);
    assert.deepEqual(handOffs(concurrentRun()), { puts: 5, putsDuringWork: 4 });
    assert.equal(result.tookTurns, false);
    assert.equal(result.producerWaited, false);
    assert.equal(result.idleMs, 4000);
  });

  test("taking turns needs both sides", () => {
    assert.equal(tookTurns([span("producer", "put", 0, 0)]), false);
    assert.equal(tookTurns([span("consumer", "process", 0, 10)]), false);
    assert.equal(tookTurns([]), false);
  });

  test("a put exactly at a work span's edge is not during it", () => {
    const spans = [span("consumer", "process", 10, 20), span("producer", "put", 9, 10), span("producer", "put", 20, 20)];
    assert.deepEqual(handOffs(spans), { puts: 2, putsDuringWork: 0 });
    assert.deepEqual(handOffs([...spans, span("producer", "put", 12, 15)]), { puts: 3, putsDuringWork: 1 });
  });

  test("spans that only touch do not count as overlap", () => {
    assert.equal(workOverlapped([span("producer", "process", 0, 10), span("consumer", "process", 10, 20)]), false);
    assert.equal(workOverlapped([span("producer", "process", 0, 10.5), span("consumer", "process", 10, 20)]), true);
  });

  test("overlap is measured against consumer processing only, over merged intervals", () => {
    const spans = [
      span("producer", "process", 0, 10),
      span("producer", "process", 5, 15), // overlaps the previous one: counted once
      span("consumer", "get", 0, 100), // waiting is not processing
      span("consumer", "process", 12, 30),
      span("consumer", "process", 8, 9),
    ];
    assert.equal(overlapTime(spans), 3 + 1);
  });

  test("async and waiting spans on the producer's lane are not the producer at work", () => {
    const spans = [
      span("consumer", "process", 0, 100),
      { ...span("producer", "wait", 0, 100), asyncId: "m1" },
      span("producer", "idle", 0, 50),
      { ...span("producer", "process", 0, 100), asyncId: "m2" },
    ];
    assert.equal(overlapTime(spans), 0);
  });

  test("roles pick other lanes, and several consumer slots at once", () => {
    const spans = [span("W1", "process", 0, 10), span("W2", "process", 5, 20)];
    assert.equal(overlapTime(spans), 0);
    assert.equal(overlapTime(spans, { producer: "W1", consumer: "W2" }), 5);
    const slots = [
      span("producer", "put", 5, 5),
      span("producer", "put", 25, 25),
      span("slot 1", "process", 0, 10),
      span("slot 2", "process", 20, 30),
    ];
    assert.deepEqual(handOffs(slots, { consumer: ["slot 1", "slot 2"] }), { puts: 2, putsDuringWork: 2 });
    assert.deepEqual(handOffs(slots, { consumer: "slot 1" }), { puts: 2, putsDuringWork: 1 });
  });

  test("a producer waiting in put (backpressure) waits for the consumer, even with overlap", () => {
    const spans = [
      span("producer", "process", 0, 100),
      span("producer", "put", 100, 900), // queue full: held up for 800 ms
      span("consumer", "process", 0, 1000),
    ];
    assert.equal(producerBlockedTime(spans), 800);
    assert.equal(workOverlapped(spans), true);
    assert.equal(tookTurns(spans), false);
    assert.equal(producerWaitsForConsumer(spans), true);
    // A put that took a few ms is scheduling noise, not waiting for a 1 s consumer.
    const quick = [span("producer", "process", 0, 100), span("producer", "put", 100, 103), span("consumer", "process", 0, 1000)];
    assert.equal(producerWaitsForConsumer(quick), false);
    assert.equal(producerWaitsForConsumer(quick, { blockedThresholdMs: 2 }), true);
  });

  test("a trace without a consumer has nothing to wait for", () => {
    assert.equal(producerWaitsForConsumer([span("producer", "process", 0, 10)]), false);
    assert.equal(producerWaitsForConsumer([]), false);
  });
});
