import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { TraceRecorder, type Span } from "../../src/trace/index.ts";

/** A clock the test moves by hand, so recorded times are exact. */
function manualClock(start = 1000) {
  let now = start;
  return { clock: () => now, advance: (ms: number) => void (now += ms) };
}

describe("TraceRecorder", () => {
  test("records times relative to its creation, on a lane", () => {
    const { clock, advance } = manualClock();
    const trace = new TraceRecorder(clock);
    advance(5);
    const finish = trace.begin("producer", "put", "Task 1");
    advance(2);
    const span = finish();
    assert.deepEqual(span, { lane: "producer", kind: "put", label: "Task 1", start: 5, end: 7 });
    assert.deepEqual(trace.spans(), [span]);
  });

  test("finishing a span twice stores it once", () => {
    const { clock, advance } = manualClock();
    const trace = new TraceRecorder(clock);
    const finish = trace.begin("consumer", "process", "x");
    advance(1);
    const first = finish();
    advance(1);
    assert.equal(finish({ late: true }), first);
    assert.equal(trace.spans().length, 1);
    assert.deepEqual(trace.spans()[0], { lane: "consumer", kind: "process", label: "x", start: 0, end: 1 });
  });

  test("a span that is never finished leaves nothing behind", () => {
    const trace = new TraceRecorder(manualClock().clock);
    trace.begin("consumer", "get", "next");
    assert.deepEqual(trace.spans(), []);
  });

  test("args from begin and finish are merged; asyncId marks an async span", () => {
    const { clock, advance } = manualClock();
    const trace = new TraceRecorder(clock);
    // A message waiting in the queue from its put to the start of its run.
    const queued = trace.begin("queue", "wait", "msg 7", { asyncId: "msg-7", args: { attempt: 1 } });
    advance(30);
    const span = queued({ slot: 2, attempt: 2 });
    assert.deepEqual(span, {
      lane: "queue",
      kind: "wait",
      label: "msg 7",
      start: 0,
      end: 30,
      args: { attempt: 2, slot: 2 },
      asyncId: "msg-7",
    });
  });

  test("span() records async work, even when it throws", async () => {
    const { clock, advance } = manualClock();
    const trace = new TraceRecorder(clock);
    const value = await trace.span("consumer", "get", "a", async () => {
      advance(3);
      return 42;
    });
    assert.equal(value, 42);
    await assert.rejects(
      trace.span("consumer", "process", "b", () => {
        advance(4);
        return Promise.reject(new Error("boom"));
      }),
      /boom/,
    );
    assert.deepEqual(
      trace.spans().map((s) => [s.kind, s.start, s.end]),
      [
        ["get", 0, 3],
        ["process", 3, 7],
      ],
    );
  });

  test("spanSync() records synchronous work and spans() sorts by start", () => {
    const { clock, advance } = manualClock();
    const trace = new TraceRecorder(clock);
    const late = trace.begin("producer", "process", "late");
    advance(10);
    assert.throws(() =>
      trace.spanSync("consumer", "put", "inner", () => {
        advance(1);
        throw new Error("failed put");
      }),
    );
    late();
    assert.deepEqual(
      trace.spans().map((s) => [s.label, s.start, s.end]),
      [
        ["late", 0, 11],
        ["inner", 10, 11],
      ],
    );
  });

  test("instants are recorded at the current time, in order", () => {
    const { clock, advance } = manualClock();
    const trace = new TraceRecorder(clock);
    advance(4);
    const ack = trace.instant("slot 1", "ack", "msg 7", { attempt: 2 });
    advance(1);
    trace.instant("slot 2", "ack", "msg 8");
    assert.deepEqual(ack, { lane: "slot 1", kind: "ack", label: "msg 7", at: 4, args: { attempt: 2 } });
    assert.deepEqual(
      trace.instants().map((i) => [i.label, i.at]),
      [
        ["msg 7", 4],
        ["msg 8", 5],
      ],
    );
    assert.deepEqual(trace.spans(), []);
  });

  test("add() stores a span timed elsewhere and rejects a malformed one", () => {
    const trace = new TraceRecorder(manualClock().clock);
    const span: Span = { lane: "consumer", kind: "idle", label: "get timed out", start: 3, end: 803 };
    assert.equal(trace.add(span), span);
    assert.deepEqual(trace.spans(), [span]);
    assert.throws(() => trace.add({ ...span, end: 2 }), { name: "RangeError", message: /ends \(2\) before it starts \(3\)/ });
    assert.throws(() => trace.add({ ...span, start: Number.NaN }), { name: "TypeError", message: /span\.start must be a finite number/ });
    assert.throws(() => trace.add({ ...span, lane: 7 } as unknown as Span), { name: "TypeError", message: /span\.lane must be a string, got number/ });
    assert.throws(() => trace.add(null as unknown as Span), { name: "TypeError", message: /expected a span object, got null/ });
    assert.equal(trace.spans().length, 1);
  });

  test("the clock must be a function", () => {
    assert.throws(() => new TraceRecorder(5 as unknown as () => number), { name: "TypeError", message: /clock must be a function/ });
  });

  test("the default clock is real time", async () => {
    const trace = new TraceRecorder();
    await trace.span("producer", "process", "sleep", () => new Promise((r) => setTimeout(r, 20)));
    const [span] = trace.spans();
    assert.ok(span.end - span.start >= 15, `expected ~20 ms, got ${span.end - span.start}`);
  });
});
