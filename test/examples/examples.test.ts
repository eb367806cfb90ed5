/**
 * Every example in the user's notes has a twin in examples/ that prints what the Python
 * prints, when the Python prints it. This runs each twin as its own process at a small
 * time scale and compares its output with the Python's.
 *
 * For each twin examples/<name>.ts:
 * - examples/python/<name>.py is the notes' Python, exactly as in the notes;
 * - examples/<name>.expected.txt is what that Python printed, each line with its time in
 *   the notes' seconds, and when it ended. It is captured by running the Python:
 *       python3 scripts/capture-python.py --write --scale 1 [name ...]
 *   (see that script: it scales the sleeps and timeouts, so the .py stays the notes'
 *   code, and it starts the clock after asyncio and threading are imported).
 *
 * The test runs the twin with CONVEYOR_SCALE=0.1 (every sleep a tenth as long) through
 * test/examples/run-twin.ts, whose clock starts at the twin's first statement, and
 * timestamps each line as it arrives. Then (timed-output.ts):
 * - the lines must be the expected ones, byte for byte and in the same order. In a twin
 *   with threads (THREADED below), lines the Python printed at one instant (within
 *   0.05 s) may come in any order, as they may from Python's threads;
 * - the exit code must match;
 * - each step (the time from one line to the next), scaled back to the notes' seconds,
 *   must be within 0.25 s or 5 % of the Python's (whichever is more), plus 50 ms of real
 *   time (0.5 s at scale 0.1) for the machine: a busy two-core machine stalls a process
 *   for tens of milliseconds (up to 90 ms were seen for one 200 ms sleep at a load
 *   average of 5 to 11). Each line's time from the start must be within 0.25 s or 20 %
 *   (lateness adds up over a long sequential run: 17 % was seen at a load average of 7),
 *   plus the same. The end must be within 0.5 s or 20 %, plus the same; for a twin with worker threads, plus 300 ms of
 *   real time more, as its end includes ending them (10 to 280 ms were seen), where a
 *   Python thread ends at once.
 *   A run whose lines match but whose times are off is run again, up to three runs in
 *   all, since stalls rarely come every time; times off on every run fail. A sleep gone
 *   missing or doubled, or work done one after the other instead of at once, is off by a
 *   second or more, on every run.
 * The twins with threads boot them before their clock starts (examples/lib/clock.ts).
 *
 * When python3 is on the machine, the Python is also run again (at scale 0.25) and
 * compared with its .expected.txt the same way, so an .expected.txt that no longer matches
 * its .py fails; without python3 those tests are skipped, saying why.
 *
 * Examples beyond the notes (BEYOND_THE_NOTES) keep checks of their own.
 */
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { execFile, spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { compareOutput, parseTimedOutput, smallestGap, type Timing, type Tolerance, type TimedLine, type TimedOutput } from "./timed-output.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const EXAMPLES_DIR = `${ROOT}examples/`;
const RUNNER = fileURLToPath(new URL("./run-twin.ts", import.meta.url));

/** CONVEYOR_EXAMPLES_SCALE overrides it, to see how the timing holds at other scales. */
const SCALE = Number(process.env.CONVEYOR_EXAMPLES_SCALE) || 0.1;
/** Real time a busy machine may stall a process for (see the module comment). */
const STALL_MS = 50;
/** Real time a twin may take to end its worker threads (see the module comment). */
const TEARDOWN_MS = 300;
/** Real time at least between two lines the Python printed at different instants. */
const GAP_MS = 25;

/** The tolerance at `scale` (stalls and teardown are real time: more notes' seconds). */
const toleranceAt = (scale: number, threads = false): Tolerance => ({
  absolute: 0.25,
  relative: 0.05,
  exit: 0.5,
  stall: STALL_MS / 1000 / scale,
  teardown: threads ? TEARDOWN_MS / 1000 / scale : 0,
});

/** A twin with worker threads boots them before its clock starts, with `startClock()`. */
const hasThreads = (name: string) => readFileSync(`${EXAMPLES_DIR}${name}.ts`, "utf8").includes("startClock();");

/**
 * SCALE, or more where the Python printed two lines less than GAP_MS apart at SCALE:
 * their order would then be down to milliseconds (examples 2 and 4: 0.9 s and 1.0 s).
 */
const scaleFor = (expected: TimedOutput) => Math.max(SCALE, Math.round((GAP_MS / smallestGap(expected)) * 0.1) / 100);
/** Runs of a twin (or a Python) whose lines match, until one has its times right. */
const ATTEMPTS = 3;
/**
 * The Python reruns only check that each .expected.txt is current: they run at a larger
 * scale, where a loaded machine's late wake-ups (a few ms each, adding up over a chain of
 * sleeps) weigh less, and four at a time, beside the twins, as they mostly sleep.
 */
const PYTHON_SCALE = 0.25;
/** Twins whose lines come from more than one thread at a time. */
const THREADED = new Set(["02-threading-queue", "threads-two-tasks"]);
const RUN_TIMEOUT_MS = 60_000;

type Ran = { output: TimedOutput; stderr: string };

/**
 * Runs a twin through run-twin.ts; each stdout line is timed from the last "start" on
 * fd 3 (the twin's first statement, or its `startClock()` once its threads are up), in
 * the notes' seconds.
 */
function runTwin(name: string, scale: number): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", RUNNER, `examples/${name}.ts`], {
      cwd: ROOT,
      env: { ...process.env, CONVEYOR_SCALE: String(scale), CONVEYOR_CLOCK_FD: "3" },
      stdio: ["ignore", "pipe", "pipe", "pipe"],
      timeout: RUN_TIMEOUT_MS,
    });
    const [, stdout, stderrPipe, clock] = child.stdio as unknown as [null, Readable, Readable, Readable];
    const arrived: { at: number; text: string }[] = [];
    let start: number | undefined;
    let exit: { at: number; code: number } | undefined;
    let partial = "";
    let stderr = "";
    stdout.setEncoding("utf8");
    stdout.on("data", (chunk: string) => {
      const at = performance.now();
      const lines = (partial + chunk).split("\n");
      partial = lines.pop() as string;
      for (const text of lines) arrived.push({ at, text });
    });
    stderrPipe.setEncoding("utf8");
    stderrPipe.on("data", (chunk: string) => (stderr += chunk));
    clock.setEncoding("utf8");
    clock.on("data", (chunk: string) => {
      const at = performance.now();
      for (const event of chunk.split("\n")) {
        if (event === "start") start = at;
        const code = /^exit (-?\d+)$/.exec(event);
        if (code !== null) exit = { at, code: Number(code[1]) };
      }
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const end = performance.now();
      if (partial !== "") arrived.push({ at: end, text: partial });
      if (start === undefined) {
        reject(new Error(`${name} never started (exit ${code}); stderr:\n${stderr}`));
        return;
      }
      const origin = start;
      const seconds = (at: number) => (at - origin) / 1000 / scale;
      const lines: TimedLine[] = arrived.map((l) => ({ t: seconds(l.at), text: l.text }));
      const ended = exit ?? { at: end, code: code ?? -1 };
      resolve({ output: { lines, exit: { code: ended.code, t: seconds(ended.at) } }, stderr });
    });
  });
}

const python = spawnSync("python3", ["--version"], { encoding: "utf8" });
const PYTHON_MISSING =
  python.error !== undefined || python.status !== 0
    ? `python3 not found (${python.error?.message ?? python.stderr}): the .expected.txt files are not re-checked`
    : undefined;
if (PYTHON_MISSING !== undefined) console.warn(`examples.test.ts: ${PYTHON_MISSING}`);

/** Runs the notes' Python the way scripts/capture-python.py captures it. */
function runPython(name: string, scale: number): Promise<Ran> {
  return new Promise((resolve, reject) => {
    execFile(
      "python3",
      ["scripts/capture-python.py", "--run", `examples/python/${name}.py`, "--scale", String(scale)],
      { cwd: ROOT, env: { ...process.env, PYTHONIOENCODING: "utf-8", PYTHONDONTWRITEBYTECODE: "1" }, timeout: RUN_TIMEOUT_MS },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== "number") reject(error);
        else resolve({ output: parseTimedOutput(stdout), stderr });
      },
    );
  });
}

function readExpected(name: string): TimedOutput {
  return parseTimedOutput(readFileSync(`${EXAMPLES_DIR}${name}.expected.txt`, "utf8"));
}

/**
 * Runs `run(name, scale)` and compares its output with examples/<name>.expected.txt: the
 * lines, their order within an instant and the exit code must match on every run, the
 * times (and so the order of different instants) on one of ATTEMPTS runs.
 */
async function assertPrintsExpected(
  t: { diagnostic: (message: string) => void },
  name: string,
  run: (name: string, scale: number) => Promise<Ran>,
): Promise<void> {
  const expected = readExpected(name);
  const scale = run === runPython ? Math.max(PYTHON_SCALE, scaleFor(expected)) : scaleFor(expected);
  let timing: Timing | undefined;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const { output, stderr } = await run(name, scale);
    assert.equal(stderr, "", "nothing on stderr");
    timing = compareOutput(output, expected, toleranceAt(scale, run === runTwin && hasThreads(name)), { threads: THREADED.has(name) });
    t.diagnostic(`run ${attempt} at scale ${scale}: times within ${timing.worst.toFixed(2)} s, the end within ${timing.end.toFixed(2)} s`);
    if (timing.problems.length === 0) return;
  }
  assert.fail(`times off on ${ATTEMPTS} runs in a row; on the last:\n${timing?.problems.join("\n")}`);
}

// ---------------------------------------------------------------------------------------
// Examples beyond the notes: their own checks.

interface Run {
  lines: string[];
  stdout: string;
  stderr: string;
  code: number | null;
}

/** Runs one example with `node --import tsx`, bounded by a timeout. */
function runExample(file: string, scale = 0.05): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", EXAMPLES_DIR + file],
      { cwd: ROOT, env: { ...process.env, CONVEYOR_SCALE: String(scale) }, timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : null) : 0;
        resolve({ lines: stdout.split("\n").filter((l) => l !== ""), stdout, stderr, code });
      },
    );
  });
}

/** Position of the only line equal to `line`; fails if it is missing or repeated. */
function at(run: Run, line: string): number {
  const first = run.lines.indexOf(line);
  assert.notEqual(first, -1, `missing line ${JSON.stringify(line)} in:\n${run.stdout}`);
  assert.equal(run.lines.lastIndexOf(line), first, `line ${JSON.stringify(line)} printed twice`);
  return first;
}

const BEYOND_THE_NOTES: Record<string, (run: Run) => void> = {
  "process-pool.ts": (run) => {
    assert.match(run.lines[0], /^8 jobs of fib\(\d+\)$/);
    assert.match(run.lines[1], /^sequential, main thread: +\d+\.\d\d s$/);
    assert.match(run.lines[2], /^process pool, 2 processes: \d+\.\d\d s$/);
    assert.match(run.lines[3], /^same results: yes \(fib\(\d+\) = \d+\)$/);
    // No speed assert: two cores shared by every test cannot promise one.
    assert.match(run.lines[4], /^speedup: \d+\.\dx$/);
    assert.equal(run.lines.length, 5, run.stdout);
  },

  "timeout-get.ts": (run) => {
    assert.equal(run.lines[0], "Error: TimeoutError, nothing arrived within 0.5 s");
    assert.ok(at(run, "[P] → Task 1") < at(run, "[C] ← Task 1"), "the item went to the next get");
    for (const i of [2, 3, 4]) assert.ok(at(run, `[P] → Task ${i}`) < at(run, `[C] ← Task ${i}`));
    assert.equal(run.lines.at(-1), "Timed out on an empty queue: consumer stops");
  },
};

// ---------------------------------------------------------------------------------------

const twins = readdirSync(EXAMPLES_DIR)
  .filter((f) => f.endsWith(".ts") && !(f in BEYOND_THE_NOTES))
  .map((f) => f.slice(0, -3))
  .sort();

// The twins run two at a time (each one's start-up is a CPU-bound second on a two-core
// machine); the Python runs, which mostly sleep, four at a time beside them.
describe("examples", { concurrency: 2 }, () => {
  test("every twin has its Python and expected output, and every Python a twin", () => {
    for (const name of twins) {
      assert.ok(existsSync(`${EXAMPLES_DIR}python/${name}.py`), `examples/python/${name}.py is missing`);
      assert.ok(existsSync(`${EXAMPLES_DIR}${name}.expected.txt`), `examples/${name}.expected.txt is missing`);
    }
    const pythons = readdirSync(`${EXAMPLES_DIR}python`).filter((f) => f.endsWith(".py")).map((f) => f.slice(0, -3));
    const expected = readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith(".expected.txt")).map((f) => f.slice(0, -13));
    assert.deepEqual(pythons.sort(), twins, "every examples/python/*.py has a twin examples/*.ts");
    assert.deepEqual(expected.sort(), twins, "every examples/*.expected.txt has a twin examples/*.ts");
    for (const file of Object.keys(BEYOND_THE_NOTES)) assert.ok(existsSync(EXAMPLES_DIR + file), `${file} is gone`);
    for (const name of THREADED) assert.ok(twins.includes(name) && hasThreads(name), `${name} in THREADED has threads`);
    assert.deepEqual(
      twins.filter(hasThreads),
      ["02-threading-queue", "run-in-executor", "thread-pool-executor", "threading-vs-asyncio", "threads-two-tasks", "to-thread"],
    );
  });

  test("a twin that prints other lines, or in another order, or late, fails the comparison", () => {
    // The comparison itself can fail: each of these changes one thing.
    const expected = readExpected("semaphore");
    const tolerance = toleranceAt(SCALE);
    const check = (actual: TimedOutput, threads = false) => compareOutput(actual, expected, tolerance, { threads });
    assert.deepEqual(check(expected).problems, []);
    const swapped = structuredClone(expected); // "Task 2 finished" and "Task 3 started", both at 1 s
    [swapped.lines[3], swapped.lines[4]] = [swapped.lines[4], swapped.lines[3]];
    assert.throws(() => check(swapped), /"Task 3 started" came before "Task 2 finished", printed at one instant/);
    const translated = structuredClone(expected);
    translated.lines[0].text = "Задача 1 started";
    assert.throws(() => check(translated, true), /the same lines/);
    const reordered = structuredClone(expected); // "Task 2 started" (0 s) after "Task 1 finished" (1 s)
    [reordered.lines[1], reordered.lines[2]] = [reordered.lines[2], reordered.lines[1]];
    assert.match(check(reordered).problems[0], /^"Task 1 finished" came before "Task 2 started", which the Python printed 1\.00 s earlier/);
    const late = structuredClone(expected);
    late.lines[2].t += 1;
    assert.match(check(late).problems[0], /^"Task 1 finished" came at 2\.\d\d s/);
    const lingering = structuredClone(expected);
    lingering.exit.t += 2;
    assert.match(check(lingering).problems[0], /^ended at/);
    const failed = structuredClone(expected);
    failed.exit.code = 1;
    assert.throws(() => check(failed), /exit code/);
  });

  test("with threads, lines of one instant may come in any order", () => {
    const expected = readExpected("threads-two-tasks");
    const check = (actual: TimedOutput) => compareOutput(actual, expected, toleranceAt(SCALE), { threads: true });
    const swapped = structuredClone(expected);
    [swapped.lines[0], swapped.lines[1]] = [swapped.lines[1], swapped.lines[0]]; // both at 0 s
    assert.deepEqual(check(swapped).problems, []);
    const ends = structuredClone(expected);
    [ends.lines[2], ends.lines[3]] = [ends.lines[3], ends.lines[2]]; // at 1 s and at 2 s
    assert.notDeepEqual(check(ends).problems, []);
  });

  test("examples 2 and 4 run at a larger scale: their lines at 0.9 s and 1.0 s are close", () => {
    assert.equal(scaleFor(readExpected("04-asyncio-tasks")), Math.max(SCALE, 0.25));
    assert.equal(scaleFor(readExpected("semaphore")), SCALE);
  });

  describe("twins", { concurrency: 2 }, () => {
    for (const name of twins) {
      test(`${name}.ts prints what ${name}.py prints`, (t) => assertPrintsExpected(t, name, runTwin));
    }

    for (const [file, check] of Object.entries(BEYOND_THE_NOTES)) {
      test(`${file} (beyond the notes)`, async () => {
        const run = await runExample(file);
        assert.equal(run.code, 0, `exit code ${run.code}; stderr:\n${run.stderr}`);
        assert.equal(run.stderr, "", "nothing on stderr");
        check(run);
      });
    }
  });

  describe("the Python", { concurrency: 4 }, () => {
    for (const name of twins) {
      test(`${name}.expected.txt is what ${name}.py prints`, { skip: PYTHON_MISSING }, (t) => assertPrintsExpected(t, name, runPython));
    }
  });
});
