import { test, describe } from "node:test";
import assert from "node:assert/strict";
import {
  comparisonRows,
  DEFAULT_SCALE,
  DEMO_MODES,
  formatComparisonTable,
  formatModeSection,
  formatTakeaway,
  runDemo,
  scaledScenario,
  selectModes,
  type DemoMode,
  type DemoResult,
} from "../../src/cli/demo/index.ts";
import { createProgram } from "../../src/cli/program.ts";
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";

// 0.05 of the notes' times: 15 ms producing and 50 ms consuming per task, about 1 s for
// the three in-process modes, with margins of tens of ms between what the asserts compare.
// (Modes 2 and 5, on threads and processes, have their own file: demo-exec.test.ts.)
const SCALE = 0.05;

describe("conveyor demo, in-process", () => {
  let results: DemoResult[] = [];

  test("runs the in-process modes, in the notes' order", async () => {
    results = await runDemo({ scale: SCALE, modes: ["asyncio-tasks", "sequential-list", "asyncio-sequential"] });
    assert.deepEqual(
      results.map((r) => r.mode.name),
      ["sequential-list", "asyncio-sequential", "asyncio-tasks"],
    );
    for (const r of results) {
      const processed = r.spans.filter((s) => s.kind === "process");
      assert.equal(processed.filter((s) => s.actor === "P").length, 5, `${r.mode.name}: 5 produced`);
      assert.deepEqual(
        processed.filter((s) => s.actor === "C").map((s) => s.label),
        ["Task 1", "Task 2", "Task 3", "Task 4", "Task 5"],
        `${r.mode.name}: 5 consumed in order`,
      );
    }
  });

  test("the sequential modes: no overlap, the producer waits, total = sequential sum", () => {
    const rows = comparisonRows(results);
    for (const index of [0, 1]) {
      const { analysis, totalMs, mode } = results[index];
      assert.equal(rows[index].overlapped, "no", mode.name);
      assert.equal(rows[index].producerWaits, "yes", mode.name);
      // Nothing overlapped, so the run took at least the sum of its work.
      assert.ok(totalMs >= analysis.sequentialMs - 1, `${mode.name}: ${totalMs} < ${analysis.sequentialMs}`);
    }
  });

  test("the tasks mode: overlap, the producer does not wait, total < sequential sum", () => {
    const row = comparisonRows(results)[2];
    const { analysis, totalMs } = results[2];
    assert.equal(row.overlapped, "yes");
    assert.equal(row.producerWaits, "no");
    assert.ok(totalMs < analysis.sequentialMs, `total ${totalMs} ms, sequential sum ${analysis.sequentialMs} ms`);
    // The consumer sets the pace: ~5 x 50 ms, far from 5 x (15 + 50) ms.
    assert.ok(totalMs < 0.9 * analysis.sequentialMs);
  });

  test("the table lists each mode with the measured answers", () => {
    const table = formatComparisonTable(results).split("\n");
    assert.match(table[0], /^\| # \| Mode +\| Producer waits for consumer \| Work overlapped \| Total \(measured\) \| Sequential sum \|$/);
    assert.match(table[2], /^\| 1 \| plain code, array +\| yes +\| no +\| [\d.]+ m?s +\| [\d.]+ m?s +\|$/);
    assert.match(table[3], /^\| 3 \| asyncio \(sequential\) +\| yes +\| no +\|/);
    assert.match(table[4], /^\| 4 \| asyncio \(tasks\) +\| no +\| yes +\|/);
    assert.equal(new Set(table.map((l) => l.length)).size, 1, "all table lines are equally wide");
  });

  test("the takeaway names only the modes that overlapped", () => {
    const text = formatTakeaway(results);
    assert.match(text, /asyncio \(tasks\): [\d.]+ m?s instead of [\d.]+ m?s \(\d+% less\)/);
    assert.doesNotMatch(text, /plain code|sequential\)/);
    assert.match(formatTakeaway(results.slice(0, 2)), /No mode overlapped/);
  });

  test("each mode's section has a timeline with a producer and a consumer row", () => {
    const section = formatModeSection(results[2]);
    assert.match(section, /^4\. asyncio \(tasks\) \[asyncio-tasks\]/);
    assert.match(section, /\nproducer \|>[=>.< ]+\|\n/);
    assert.match(section, /\nconsumer \|<[=>.< ]+\|\n/);
    // Sequential: the consumer row is blank until the producer is done.
    const sequential = formatModeSection(results[0]);
    const consumerRow = sequential.split("\n").find((l) => l.startsWith("consumer")) ?? "";
    assert.match(consumerRow, /^consumer \| {5,}</);
  });
});

describe("mode selection", () => {
  test("by name or by number, always in the notes' order", () => {
    assert.deepEqual(
      selectModes(["asyncio-tasks", "1"]).map((m) => m.number),
      [1, 4],
    );
    assert.equal(selectModes().length, DEMO_MODES.length);
  });

  test("an unknown mode is an error that lists the known ones", () => {
    assert.throws(() => selectModes(["nope"]), /unknown demo mode "nope"; expected one of: 1 \(sequential-list\), 2 \(threads\)/);
  });

  test("a new mode only needs to be in the registry", async () => {
    const fake: DemoMode = {
      number: 9,
      name: "fake",
      title: "fake",
      run: () => Promise.resolve([{ actor: "C", kind: "process", label: "x", start: 0, end: 1 }]),
    };
    const [result] = await runDemo({ scale: SCALE, modes: ["fake"], registry: [...DEMO_MODES, fake] });
    assert.equal(result.mode, fake);
    assert.equal(result.analysis.sequentialMs, 1);
  });

  test("the scale must be positive", () => {
    assert.throws(() => scaledScenario(0), RangeError);
    assert.throws(() => scaledScenario(Number.NaN), RangeError);
    assert.deepEqual(scaledScenario(0.5), { tasks: 5, produceMs: 150, consumeMs: 500 });
  });
});

describe("the conveyor program", () => {
  /** Runs the program in-process, capturing what it writes; commander must not exit. */
  async function run(args: string[]): Promise<{ out: string; error?: unknown }> {
    let out = "";
    const program = createProgram((text) => void (out += text)).exitOverride();
    program.configureOutput({ writeOut: (s) => void (out += s), writeErr: (s) => void (out += s) });
    for (const command of program.commands) {
      command.exitOverride().configureOutput({ writeOut: (s) => void (out += s), writeErr: (s) => void (out += s) });
    }
    try {
      await program.parseAsync(["node", "conveyor", ...args]);
      return { out };
    } catch (error) {
      return { out, error };
    }
  }

  test("demo prints the scenario, a section per mode, then the table", async () => {
    const { out, error } = await run(["demo", "--scale", String(SCALE), "--mode", "1", "4"]);
    assert.equal(error, undefined);
    assert.match(out, /^conveyor demo: 5 tasks, producer 15 ms per task, consumer 50 ms per task/);
    const order = ["1. plain code, array", "4. asyncio (tasks)", "Comparison (measured)"].map((s) => out.indexOf(s));
    assert.ok(order.every((i, k) => i >= 0 && (k === 0 || i > order[k - 1])), out);
    assert.doesNotMatch(out, /asyncio \(sequential\)/);
  });

  test("--scale rejects what is not a positive number", async () => {
    for (const bad of ["0", "-1", "abc", ""]) {
      const { error, out } = await run(["demo", "--scale", bad]);
      assert.ok(error, `--scale ${JSON.stringify(bad)} accepted`);
      assert.match(out, /expected a positive number/);
    }
  });

  test("--mode rejects an unknown mode", async () => {
    const { error, out } = await run(["demo", "--mode", "nope"]);
    assert.ok(error);
    assert.match(out, /unknown demo mode "nope"/);
  });

  test("demo --help states the default scale and lists the modes", async () => {
    const { out } = await run(["demo", "--help"]);
    assert.match(out, /--scale <n>/);
    assert.match(out, new RegExp(`default:? ${String(DEFAULT_SCALE).replace(".", "\\.")}`));
    assert.match(out, /under 10 s/);
    assert.match(out, /1 {2}sequential-list/);
    assert.match(out, /4 {2}asyncio-tasks/);
    assert.match(out, /2 {2}threads/);
    assert.match(out, /5 {2}processes/);
  });

  test("--version prints the package version", async () => {
    const { out } = await run(["--version"]);
    assert.match(out, /^\d+\.\d+\.\d+\n$/);
  });
});

describe("the conveyor bin", () => {
  const main = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));
  const exec = (args: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, ["--import", "tsx", main, ...args], { timeout: 30_000 }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr });
      });
    });

  test("main.ts starts with a node shebang", async () => {
    const { readFile } = await import("node:fs/promises");
    assert.match(await readFile(main, "utf8"), /^#!\/usr\/bin\/env node\n/);
  });

  test("runs the demo end to end and exits 0", async () => {
    const { code, stdout, stderr } = await exec(["demo", "--scale", "0.02"]);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /Comparison \(measured\)/);
    assert.match(stdout, /\| 4 \| asyncio \(tasks\) +\| no +\| yes +\|/);
    assert.match(stdout, /\| 2 \| threading \+ Queue +\| no +\| yes +\|/);
    assert.match(stdout, /\| 5 \| multiprocessing +\| no +\| yes +\|/);
    assert.match(stdout, /Overlap in time is what makes a queue asynchronous/);
  });

  test("exits non-zero on a bad argument", async () => {
    const { code, stderr } = await exec(["demo", "--scale", "zero"]);
    assert.notEqual(code, 0);
    assert.match(stderr, /expected a positive number/);
  });
});
