/**
 * `conveyor demo` in-process: modes 1, 3 and 4 (on the event loop's thread), the
 * report's text, the expected times behind `--help`, and the program's arguments.
 * (Modes 2 and 5, on threads and processes, and the built bin: demo-exec.test.ts.)
 */
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import {
  comparisonRows,
  DEFAULT_SCALE,
  DEMO_MODES,
  describeScenario,
  estimateDemoMs,
  formatComparisonTable,
  formatModeSection,
  formatTableNotes,
  formatTakeaway,
  NOTES_SCENARIO,
  OUTPUT_COLUMNS,
  overlappedTotal,
  PROCESS_STARTUP_MS,
  PROGRAM_STARTUP_MS,
  runDemo,
  scaledScenario,
  selectModes,
  sequentialTotal,
  THREAD_STARTUP_MS,
  wrap,
  type DemoMode,
  type DemoResult,
} from "../../src/cli/demo/index.ts";
import { createProgram, estimate } from "../../src/cli/program.ts";
import { analyzeTrace, type Span } from "../../src/trace/index.ts";
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";

// 0.05 of the notes' times: 15 ms producing, 50 ms consuming per task and a 200 ms get
// timeout; about 1 s for the three modes, with margins of tens of ms between what the
// asserts compare.
const SCALE = 0.05;
const TASKS = ["Task 1", "Task 2", "Task 3", "Task 4", "Task 5"];

const of = (r: DemoResult, lane: string, kind: Span["kind"]) => r.spans.filter((s) => s.lane === lane && s.kind === kind);

/** Every line of `text` fits the demo's 80 columns. */
function assertFits(text: string, what: string): void {
  for (const line of text.split("\n")) {
    assert.ok(line.length <= OUTPUT_COLUMNS, `${what}: ${line.length} columns:\n${line}`);
  }
}

/**
 * The same run as if at another scale: every time multiplied by `factor`. The report's
 * layout depends on these numbers only, so this shows what `--scale 1` prints without
 * spending 35 s on it.
 */
function rescaled(result: DemoResult, factor: number): DemoResult {
  const spans = result.spans.map((s) => ({ ...s, start: s.start * factor, end: s.end * factor }));
  const scenario = scaledScenario((result.scenario.consumeMs / NOTES_SCENARIO.consumeMs) * factor);
  return {
    ...result,
    scenario,
    spans,
    totalMs: result.totalMs * factor,
    tailMs: result.tailMs * factor,
    workMs: result.workMs * factor,
    startupMs: result.startupMs * factor,
    expected: result.mode.expected(scenario),
    analysis: analyzeTrace(spans),
  };
}

describe("conveyor demo, in-process", () => {
  let results: DemoResult[] = [];
  const byName = (name: string) => results.find((r) => r.mode.name === name)!;

  test("runs the in-process modes, in the notes' order, each item put once and consumed in order", async () => {
    results = await runDemo({ scale: SCALE, modes: ["asyncio-tasks", "sequential-list", "asyncio-sequential"] });
    assert.deepEqual(
      results.map((r) => r.mode.name),
      ["sequential-list", "asyncio-sequential", "asyncio-tasks"],
    );
    for (const r of results) {
      assert.deepEqual(of(r, "producer", "put").map((s) => s.label), TASKS, `${r.mode.name}: puts`);
      assert.deepEqual(of(r, "consumer", "process").map((s) => s.label), TASKS, `${r.mode.name}: consumed`);
    }
  });

  test("mode 1 (§1): the two take turns, nothing overlaps, the total is at least the sequential sum", () => {
    const r = byName("sequential-list");
    assert.equal(r.analysis.tookTurns, true);
    assert.equal(r.analysis.overlapMs, 0);
    assert.equal(r.tailMs, 0);
    assert.equal(of(r, "producer", "process").length, 5);
    assert.ok(r.totalMs >= r.analysis.sequentialMs - 1, `${r.totalMs} < ${r.analysis.sequentialMs}`);
  });

  test("mode 3 (§3 as written): the producer puts all five at once, then the consumer drains them", () => {
    const r = byName("asyncio-sequential");
    // No producer work at all: five puts, no sleeps.
    assert.deepEqual(of(r, "producer", "process"), []);
    const lastPut = Math.max(...of(r, "producer", "put").map((s) => s.end));
    const firstGet = Math.min(...of(r, "consumer", "get").map((s) => s.start));
    assert.ok(lastPut <= firstGet, `a put at ${lastPut} ms after the first get at ${firstGet} ms`);
    assert.ok(lastPut < r.scenario.consumeMs, `the five puts took ${lastPut} ms`);
    assert.equal(r.analysis.tookTurns, true);
    assert.equal(r.analysis.overlapMs, 0);
    // The run is the consumer's 5 x 50 ms, not 5 x (15 + 50) ms.
    assert.equal(r.expected.totalMs, 250);
    assert.equal(r.analysis.sequentialMs, of(r, "consumer", "process").reduce((t, s) => t + s.end - s.start, 0));
  });

  test("mode 4 (§4): overlap, 4 of 5 puts during the consumer's work, then the get timeout", () => {
    const r = byName("asyncio-tasks");
    assert.equal(r.analysis.tookTurns, false);
    assert.ok(r.analysis.putsDuringWork >= 1 && r.analysis.putsDuringWork <= 4, `${r.analysis.putsDuringWork} of 5`);
    assert.ok(r.analysis.overlapMs > 0);
    // The last thing the consumer does is wait out its 200 ms get timeout, after the last item.
    const last = r.spans.filter((s) => s.lane === "consumer").at(-1)!;
    assert.equal(last.kind, "idle");
    assert.ok(last.start >= of(r, "consumer", "process").at(-1)!.end - 1);
    assert.ok(last.end - last.start >= 200 - 1, `waited ${last.end - last.start} ms`);
    assert.equal(r.tailMs, last.end - last.start);
    // The total holds it; the work alone beats the sequential sum.
    assert.ok(r.totalMs >= r.workMs + 199);
    assert.ok(r.workMs < 0.9 * r.analysis.sequentialMs, `work ${r.workMs} ms, sum ${r.analysis.sequentialMs} ms`);
  });

  test("each mode's total is near what its Python reference takes, computed from the scenario", () => {
    for (const r of results) {
      const { totalMs } = r.expected;
      // Timers fire late, never early; the margin allows a loaded machine.
      assert.ok(r.totalMs >= totalMs - 5, `${r.mode.name}: ${r.totalMs} ms, expected ${totalMs} ms`);
      assert.ok(r.totalMs <= totalMs * 1.3 + 100, `${r.mode.name}: ${r.totalMs} ms, expected ${totalMs} ms`);
    }
  });

  test("the table lists each mode with the measured answers, and says what it measured", () => {
    const table = formatComparisonTable(results).split("\n");
    assert.match(table[0], /^\| # \| Mode +\| Turns +\| Overlap \| Tail +\| Total +\| Expected \|$/);
    assert.match(table[2], /^\| 1 \| plain code, array +\| yes 0\/5 \| 0\.00 s +\| - +\| \d\.\d\d s \| 0\.33 s +\|$/);
    assert.match(table[3], /^\| 3 \| asyncio \(sequential\) \| yes 0\/5 \| 0\.00 s +\| - +\| \d\.\d\d s \| 0\.25 s +\|$/);
    assert.match(table[4], /^\| 4 \| asyncio \(tasks\) +\| no [1-4]\/5 +\| \d\.\d\d s +\| 0\.2\d s \| \d\.\d\d s \| 0\.45 s +\|$/);
    assert.equal(new Set(table.map((l) => l.length)).size, 1, "all table lines are equally wide");
    const notes = formatTableNotes(results);
    assert.match(notes, /^Turns: the notes' "producer blocked by consumer"\. Measured: how many of the/);
    assert.match(notes, /The longest put took \d+(\.\d)? ms: the queues are unbounded/);
    assert.match(notes, /Tail: the consumer waiting out its 200 ms get timeout/);
    assert.match(formatTableNotes(results.slice(0, 2)), /Tail: none of these modes/);
  });

  test("rows carry the counts behind each answer", () => {
    const rows = comparisonRows(results);
    assert.deepEqual(
      rows.map((r) => [r.number, r.turns, r.tail]),
      [
        ["1", "yes 0/5", "-"],
        ["3", "yes 0/5", "-"],
        ["4", `no ${results[2].analysis.putsDuringWork}/5`, rows[2].tail],
      ],
    );
    assert.match(rows[2].tail, /^0\.2\d s$/);
  });

  test("the takeaway compares work with the sequential sum and names the tails", () => {
    const text = formatTakeaway(results);
    assert.match(text, /\n {2}asyncio \(tasks\): \d+ ms instead of \d+ ms \(\d+% less\)/);
    assert.doesNotMatch(text, /plain code|sequential\)/);
    assert.match(text, /The total of mode 4 also holds the consumer waiting out its get/);
    assert.match(formatTakeaway(results.slice(0, 2)), /No mode overlapped/);
  });

  test("each section has a timeline, the tail drawn apart, and the numbers", () => {
    const section = formatModeSection(byName("asyncio-tasks"));
    assert.match(section, /^4\. asyncio \(tasks\) \[asyncio-tasks\]/);
    assert.match(section, /\nproducer \|>[=>. ]+\|\n/);
    // Work, then the wait for the get timeout up to the right edge.
    assert.match(section, /\nconsumer \|<[=<]+~{10,}\|\n/);
    assert.match(section, /~ waiting out the 200 ms get timeout/);
    const prose = section.replace(/\s+/g, " ");
    assert.match(prose, /total \d+ ms = work \d+ ms \+ \d+ ms waiting out the get timeout; the notes' §4 takes 450 ms/);
    assert.match(prose, /4 of 5 puts while the consumer worked/);
    // Sequential: the consumer row is blank until the producer is done; no tail.
    const sequential = formatModeSection(byName("sequential-list"));
    assert.match(sequential.split("\n").find((l) => l.startsWith("consumer")) ?? "", /^consumer \| {5,}<[=<]+\|$/);
    assert.doesNotMatch(sequential, /~/);
  });

  test("everything fits 80 columns, at this scale, the default and the notes' own (scale 1)", () => {
    for (const factor of [1, DEFAULT_SCALE / SCALE, 1 / SCALE]) {
      const scaled = results.map((r) => rescaled(r, factor));
      const scale = SCALE * factor;
      assertFits(describeScenario(scaledScenario(scale), scale), `header at ${scale}`);
      for (const r of scaled) assertFits(formatModeSection(r), `${r.mode.name} at ${scale}`);
      assertFits(formatComparisonTable(scaled), `table at ${scale}`);
      assertFits(formatTableNotes(scaled), `notes at ${scale}`);
      assertFits(formatTakeaway(scaled), `takeaway at ${scale}`);
    }
  });
});

describe("the expected times", () => {
  test("the notes' Python programs, at scale 1", () => {
    const expected = Object.fromEntries(DEMO_MODES.map((m) => [m.number, m.expected(NOTES_SCENARIO)]));
    assert.equal(sequentialTotal(NOTES_SCENARIO), 6500);
    assert.equal(overlappedTotal(NOTES_SCENARIO), 5000);
    assert.equal(overlappedTotal(NOTES_SCENARIO, 4000), 9000);
    assert.deepEqual(
      [1, 2, 3, 4, 5].map((n) => [expected[n].totalMs, expected[n].tailMs]),
      [
        [6500, 0],
        [9000, 4000],
        [5000, 0],
        [9000, 4000],
        [5000, 0],
      ],
    );
    assert.equal(expected[2].startupMs, THREAD_STARTUP_MS);
    assert.equal(expected[5].startupMs, PROCESS_STARTUP_MS);
  });

  test("a producer slower than its consumer sets the pace", () => {
    assert.equal(overlappedTotal({ tasks: 3, produceMs: 100, consumeMs: 10, getTimeoutMs: 0 }), 300);
    assert.equal(overlappedTotal({ tasks: 3, produceMs: 100, consumeMs: 10, getTimeoutMs: 50 }), 300);
    assert.equal(overlappedTotal({ tasks: 3, produceMs: 100, consumeMs: 10, getTimeoutMs: 0 }, 150), 360);
  });

  test("the demo's estimate adds every mode, its tail and its worker's start-up", () => {
    const one = scaledScenario(1);
    assert.equal(
      estimateDemoMs(DEMO_MODES, one),
      PROGRAM_STARTUP_MS + 6500 + 9000 + 5000 + 9000 + 5000 + THREAD_STARTUP_MS + PROCESS_STARTUP_MS,
    );
    assert.ok(estimateDemoMs(DEMO_MODES, scaledScenario(DEFAULT_SCALE)) < 10_000, "npm start stays under 10 s");
  });
});

describe("wrap", () => {
  test("breaks at spaces, indents the rest, keeps the first line's lead", () => {
    assert.equal(wrap("one two three", 8, "  "), "one two\n  three");
    assert.equal(wrap("  one two three", 9, "    "), "  one two\n    three");
    assert.equal(wrap("a verylongword b", 5), "a\nverylongword\nb");
    assert.equal(wrap(""), "");
    assert.throws(() => wrap("x", 2, "   "), RangeError);
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
      reference: "nothing",
      expected: () => ({ totalMs: 1, tailMs: 0, startupMs: 0 }),
      run: () => Promise.resolve([{ lane: "consumer", kind: "process", label: "x", start: 0, end: 1 }]),
    };
    const [result] = await runDemo({ scale: SCALE, modes: ["fake"], registry: [...DEMO_MODES, fake] });
    assert.equal(result.mode, fake);
    assert.equal(result.analysis.sequentialMs, 1);
    assert.equal(result.startupMs, 0);
  });

  test("the scale must be positive", () => {
    assert.throws(() => scaledScenario(0), RangeError);
    assert.throws(() => scaledScenario(Number.NaN), RangeError);
    assert.deepEqual(scaledScenario(0.5), { tasks: 5, produceMs: 150, consumeMs: 500, getTimeoutMs: 2000 });
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

  test("demo prints the scenario, a section per mode, the table and what it measured", async () => {
    const { out, error } = await run(["demo", "--scale", String(SCALE), "--mode", "1", "4"]);
    assert.equal(error, undefined);
    assert.match(out, /^conveyor demo at scale 0\.05: 5 tasks; the producer spends 15 ms on each, the\s+consumer 50 ms,/);
    const order = ["1. plain code, array", "4. asyncio (tasks)", "Comparison (measured at scale 0.05)", "Turns:", "Overlap in time"];
    const at = order.map((s) => out.indexOf(s));
    assert.ok(at.every((i, k) => i >= 0 && (k === 0 || i > at[k - 1])), out);
    assert.doesNotMatch(out, /asyncio \(sequential\)/);
    assertFits(out, "demo output");
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

  test("demo --help states the default scale, the computed run times, and the modes", async () => {
    const { out } = await run(["demo", "--help"]);
    const flat = out.replace(/\s+/g, " ");
    assert.match(out, /--scale <n>/);
    assert.match(out, new RegExp(`default:? ${String(DEFAULT_SCALE).replace(".", "\\.")}`));
    // The figures come from the scenario: the default run and the notes' real times.
    assert.equal(estimate(DEFAULT_SCALE), `${(estimateDemoMs(DEMO_MODES, scaledScenario(DEFAULT_SCALE)) / 1000).toFixed(1)} s`);
    assert.equal(estimate(1), `${Math.round(estimateDemoMs(DEMO_MODES, scaledScenario(1)) / 1000)} s`);
    assert.ok(flat.includes(`in about ${estimate(DEFAULT_SCALE)};`), flat);
    assert.ok(flat.includes(`real times, about ${estimate(1)}`), flat);
    assert.equal(estimate(1), "35 s");
    for (const line of ["1  sequential-list", "2  threads", "3  asyncio-sequential", "4  asyncio-tasks", "5  processes"]) {
      assert.ok(out.includes(line), line);
    }
    assertFits(out, "--help");
  });

  test("--version prints the package version", async () => {
    const { out } = await run(["--version"]);
    assert.match(out, /^\d+\.\d+\.\d+\n$/);
  });
});

describe("the conveyor bin from source", () => {
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

  test("runs the demo end to end under tsx and exits 0", async () => {
    const { code, stdout, stderr } = await exec(["demo", "--scale", "0.02"]);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /Comparison \(measured at scale 0\.02\)/);
    assert.match(stdout, /\| 4 \| asyncio \(tasks\) +\| no \d\/5 +\|/);
    assert.match(stdout, /\| 2 \| threading \+ Queue +\| no \d\/5 +\|/);
    assert.match(stdout, /\| 5 \| multiprocessing +\| no \d\/5 +\|/);
    assert.match(stdout, /Overlap in time is what makes a queue asynchronous/);
  });

  test("exits non-zero on a bad argument", async () => {
    const { code, stderr } = await exec(["demo", "--scale", "zero"]);
    assert.notEqual(code, 0);
    assert.match(stderr, /expected a positive number/);
  });
});
