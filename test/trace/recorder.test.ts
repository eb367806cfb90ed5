import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { TraceRecorder } from "../../src/trace/index.ts";

/** A clock the test moves by hand, so recorded times are exact. */
function manualClock(start = 1000) {
  let now = start;
  return { clock: () => now, advance: (ms: number) => void (now += ms) };
}

describe("TraceRecorder", () => {
  test("records times relative to its creation", () => {
    const { clock, advance } = manualClock();
    const trace = new TraceRecorder(clock);
    advance(5);
    const finish = trace.begin("P", "put", "Task 1");
    advance(2);
    const span = finish();
    assert.deepEqual(span, { actor: "P", kind: "put", label: "Task 1", start: 5, end: 7 });
    assert.deepEqual(trace.spans(), [span]);
  });

  test("finishing a span twice stores it once", () => {
    const { clock, advance } = manualClock();
    const trace = new TraceRecorder(clock);
    const finish = trace.begin("C", "process", "x");
    advance(1);
    finish();
    advance(1);
    finish();
    assert.equal(trace.spans().length, 1);
    assert.equal(trace.spans()[0].end, 1);
  });

  test("span() records async work, even when it throws", async () => {
    const { clock, advance } = manualClock();
    const trace = new TraceRecorder(clock);
    const value = await trace.span("C", "get", "a", async () => {
      advance(3);
      return 42;
    });
    assert.equal(value, 42);
    await assert.rejects(
      trace.span("C", "process", "b", () => {
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
    const late = trace.begin("P", "process", "late");
    advance(10);
    trace.spanSync("C", "put", "inner", () => advance(1));
    late();
    assert.deepEqual(
      trace.spans().map((s) => s.label),
      ["late", "inner"],
    );
  });

  test("the default clock is real time", async () => {
    const trace = new TraceRecorder();
    await trace.span("P", "process", "sleep", () => new Promise((r) => setTimeout(r, 20)));
    const [span] = trace.spans();
    assert.ok(span.end - span.start >= 15, `expected ~20 ms, got ${span.end - span.start}`);
  });
});
