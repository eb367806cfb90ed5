/**
 * The recorder used the way a queue worker will use it (a later issue): one span per
 * message on the lane of the concurrency slot that ran it, an async `wait` span from a
 * message's put to the start of its run, instants for acks, and the analysis told which
 * lanes are the consumer's slots.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { Queue } from "../../src/core/index.ts";
import { analyzeTrace, renderTimeline, TraceRecorder, type FinishSpan } from "../../src/trace/index.ts";

test("a two-slot worker: spans per slot, queued time as async spans, acks as instants", async () => {
  const trace = new TraceRecorder();
  const q = new Queue<{ id: string; queued: FinishSpan }>();
  const ids = ["m1", "m2", "m3", "m4"];

  const producer = async () => {
    for (const id of ids) {
      const queued = trace.begin("queue", "wait", id, { asyncId: id });
      await trace.span("producer", "put", id, () => q.put({ id, queued }));
    }
  };
  const slot = async (n: number) => {
    for (let i = 0; i < 2; i++) {
      const msg = await q.get();
      msg.queued({ slot: n });
      await trace.span(`slot ${n}`, "process", msg.id, () => sleep(30), { args: { attempt: 1 } });
      trace.instant(`slot ${n}`, "ack", msg.id);
    }
  };
  await Promise.all([producer(), slot(1), slot(2)]);

  const spans = trace.spans();
  const waits = spans.filter((s) => s.kind === "wait");
  assert.deepEqual(waits.map((s) => s.asyncId).sort(), ids);
  // m3 and m4 waited in the queue while both slots were busy with m1 and m2.
  // Structure, not milliseconds (a loaded machine delays the producer too): each of m3
  // and m4 left the queue only once a slot had finished m1 or m2.
  const waitEnd = Object.fromEntries(waits.map((s) => [s.label, s.end]));
  const processEnd = Object.fromEntries(spans.filter((s) => s.kind === "process").map((s) => [s.label, s.end]));
  const firstFree = Math.min(processEnd.m1, processEnd.m2);
  assert.ok(waitEnd.m3 >= firstFree - 1 && waitEnd.m4 >= firstFree - 1, JSON.stringify({ waitEnd, processEnd }));
  assert.ok(waitEnd.m1 <= processEnd.m1 && waitEnd.m2 <= processEnd.m2, JSON.stringify({ waitEnd, processEnd }));
  assert.equal(trace.instants().filter((i) => i.kind === "ack").length, 4);

  const analysis = analyzeTrace(spans, { consumer: ["slot 1", "slot 2"] });
  assert.equal(analysis.sequentialMs >= 4 * 29, true);
  // Two slots in parallel: about half the sequential sum.
  assert.ok(analysis.wallMs < 0.8 * analysis.sequentialMs, `${analysis.wallMs} vs ${analysis.sequentialMs}`);

  const text = renderTimeline(spans, { lanes: ["producer", "queue", "slot 1", "slot 2"], instants: trace.instants(), width: 20 });
  const rows = text.split("\n");
  assert.match(rows[1], /^queue +\|\.+/);
  assert.match(rows[2], /^slot 1 +\|=+/);
  assert.match(rows.at(-1) ?? "", /\* event/);
});
