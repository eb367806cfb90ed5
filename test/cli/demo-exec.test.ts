/**
 * The demo's executor modes: threads (mode 2, a worker thread over a ThreadQueue) and
 * processes (mode 5, a child process of a ProcessPool). Run in-process at a small scale
 * and judged by the same analysis as the other modes; then once from `dist`, the way
 * `conveyor demo` runs for users (the worker modules are found as .js there).
 */
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { comparisonRows, formatModeSection, runDemo, type DemoResult } from "../../src/cli/demo/index.ts";
import { absoluteNow, mergeSpans, toRecorderTime } from "../../src/cli/demo/workers/absolute-time.ts";
import { TraceRecorder, type Span } from "../../src/trace/index.ts";

// 0.1 of the notes' times: 30 ms producing and 100 ms consuming per task. The traced run
// takes ~530 ms against a 650 ms sequential sum, a margin far above timer jitter.
const SCALE = 0.1;
const TASKS = ["Task 1", "Task 2", "Task 3", "Task 4", "Task 5"];

const byActorKind = (r: DemoResult, actor: string, kind: Span["kind"]) =>
  r.spans.filter((s) => s.actor === actor && s.kind === kind);

describe("demo modes on threads and processes", () => {
  let results: DemoResult[] = [];

  test("both run, in the notes' order, each item produced and consumed once, in order", async () => {
    results = await runDemo({ scale: SCALE, modes: ["processes", "threads"] });
    assert.deepEqual(
      results.map((r) => [r.mode.number, r.mode.name, r.mode.title]),
      [
        [2, "threads", "threading + Queue"],
        [5, "processes", "multiprocessing"],
      ],
    );
    for (const r of results) {
      assert.deepEqual(byActorKind(r, "P", "put").map((s) => s.label), TASKS, `${r.mode.name}: puts`);
      assert.deepEqual(byActorKind(r, "C", "process").map((s) => s.label), TASKS, `${r.mode.name}: consumed`);
      assert.equal(byActorKind(r, "C", "get").length, 5, `${r.mode.name}: one get per item`);
      for (const s of byActorKind(r, "C", "process")) {
        // Each item took the consumer its blocking sleep, measured on the worker's clock.
        assert.ok(s.end - s.start >= 100 - 1, `${r.mode.name}: ${s.label} took ${s.end - s.start} ms`);
      }
    }
  });

  test("the consumer's spans line up with the producer's (one time base)", () => {
    for (const r of results) {
      const puts = byActorKind(r, "P", "put");
      const work = byActorKind(r, "C", "process");
      for (let i = 0; i < TASKS.length; i++) {
        // Nothing is consumed before it was put, nor long after the consumer was free.
        assert.ok(work[i].start >= puts[i].start - 1, `${r.mode.name}: ${TASKS[i]} consumed before it was put`);
        const free = Math.max(puts[i].end, i === 0 ? 0 : work[i - 1].end);
        assert.ok(work[i].start - free < 60, `${r.mode.name}: ${TASKS[i]} waited ${work[i].start - free} ms`);
      }
      // One consumer: its items one after another, never two at once.
      for (let i = 1; i < work.length; i++) assert.ok(work[i].start >= work[i - 1].end - 1, r.mode.name);
      assert.ok(r.spans.every((s) => s.start >= -1), `${r.mode.name}: a span before the recorder's origin`);
    }
  });

  test("they overlap, the producer does not wait, and the run beats the sequential sum", () => {
    const rows = comparisonRows(results);
    for (const [i, r] of results.entries()) {
      const { analysis } = r;
      assert.equal(rows[i].overlapped, "yes", r.mode.name);
      assert.equal(rows[i].producerWaits, "no", r.mode.name);
      // The producer worked while the consumer did (its 4 later puts and sleeps, ~120 ms).
      assert.ok(analysis.overlapMs > 60, `${r.mode.name}: overlap ${analysis.overlapMs} ms`);
      assert.ok(analysis.producerBlockedMs < 20, `${r.mode.name}: blocked ${analysis.producerBlockedMs} ms`);
      // The consumer sets the pace: ~30 + 5 x 100 ms, not 5 x (30 + 100) ms. The measured
      // total also holds starting the worker (tens of ms; more from source under tsx),
      // so it is bounded only loosely; the traced run is the comparison.
      assert.ok(
        analysis.wallMs < 0.9 * analysis.sequentialMs,
        `${r.mode.name}: traced ${analysis.wallMs} ms, sequential sum ${analysis.sequentialMs} ms`,
      );
      assert.ok(r.totalMs >= analysis.wallMs, r.mode.name);
      assert.ok(r.totalMs < analysis.wallMs + 3000, `${r.mode.name}: startup took ${r.totalMs - analysis.wallMs} ms`);
    }
  });

  test("each section draws both sides working at once", () => {
    const [threads, processes] = results.map((r) => formatModeSection(r));
    assert.match(threads, /^2\. threading \+ Queue \[threads\]/);
    assert.match(processes, /^5\. multiprocessing \[processes\]/);
    for (const section of [threads, processes]) {
      const rows = section.split("\n");
      const producer = rows.find((l) => l.startsWith("producer")) ?? "";
      const consumer = rows.find((l) => l.startsWith("consumer")) ?? "";
      // The consumer starts right away, not after the producer's last put.
      assert.match(consumer, /^consumer \|[ ]{0,3}</, section);
      const lastPut = producer.lastIndexOf(">");
      assert.ok(consumer.slice(10, lastPut).includes("="), `consumer idle while producing:\n${section}`);
    }
  });
});

describe("absolute time", () => {
  test("spans recorded with absoluteNow() land on the recorder's time base", async () => {
    const trace = new TraceRecorder();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const now = absoluteNow();
    const [span] = toRecorderTime([{ actor: "C", kind: "process", label: "x", start: now, end: now + 5 }], trace);
    assert.ok(Math.abs(span.start - trace.now()) < 2, `${span.start} vs ${trace.now()}`);
    assert.ok(span.start >= 19, "20 ms after the origin");
    assert.equal(span.end - span.start, 5);
  });

  test("mergeSpans orders by start, then end", () => {
    const a: Span = { actor: "P", kind: "put", label: "a", start: 2, end: 3 };
    const b: Span = { actor: "C", kind: "get", label: "b", start: 1, end: 4 };
    const c: Span = { actor: "C", kind: "process", label: "c", start: 1, end: 2 };
    assert.deepEqual(mergeSpans([a], [b, c]), [c, b, a]);
  });
});

describe("the built demo", () => {
  const main = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));

  test("runs modes 2 and 5 from dist with plain node (no tsx) and overlaps", async () => {
    assert.ok(existsSync(main), "dist/cli/main.js is missing: run `npm run build` (npm test does)");
    const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
      (resolve) => {
        execFile(
          process.execPath,
          [main, "demo", "--scale", "0.05", "--mode", "2", "5"],
          { timeout: 30_000, env: { ...process.env, NODE_OPTIONS: "" } },
          (error, out, err) => {
            resolve({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout: out, stderr: err });
          },
        );
      },
    );
    assert.equal(code, 0, stderr);
    assert.equal(stderr, "");
    assert.match(stdout, /\| 2 \| threading \+ Queue +\| no +\| yes +\|/);
    assert.match(stdout, /\| 5 \| multiprocessing +\| no +\| yes +\|/);
  });
});
