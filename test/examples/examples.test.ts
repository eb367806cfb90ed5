/**
 * Runs every example in examples/ as its own process, the way a reader would, at a small
 * time scale, and checks what it prints against the user's notes.
 */
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const EXAMPLES_DIR = fileURLToPath(new URL("../../examples/", import.meta.url));
const ROOT = fileURLToPath(new URL("../../", import.meta.url));

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

function assertClean(run: Run): void {
  assert.equal(run.code, 0, `exit code ${run.code}; stderr:\n${run.stderr}`);
  assert.equal(run.stderr, "", "nothing on stderr");
}

/** Position of the only line equal to `line`; fails if it is missing or repeated. */
function at(run: Run, line: string): number {
  const first = run.lines.indexOf(line);
  assert.notEqual(first, -1, `missing line ${JSON.stringify(line)} in:\n${run.stdout}`);
  assert.equal(run.lines.lastIndexOf(line), first, `line ${JSON.stringify(line)} printed twice`);
  return first;
}

const pad = (msg: string) => msg.padEnd(10); // the notes' {msg:<10}
const tasks = [1, 2, 3, 4, 5].map((i) => `Task ${i}`);
const produced = tasks.map((t) => `[P] → ${t}`);
const consumed = tasks.flatMap((t) => [`[C] ← ${pad(t)} start`, `[C]     ${pad(t)} done`]);

/**
 * No two workers inside the critical section at once beyond `limit`, and each worker's
 * "started" comes before its "finished".
 */
function assertAtMostRunning(run: Run, limit: number, names: string[]): void {
  let running = 0;
  for (const line of run.lines) {
    if (line.endsWith(" started")) running++;
    if (line.endsWith(" finished")) running--;
    assert.ok(running <= limit, `more than ${limit} running at: ${line}\n${run.stdout}`);
    assert.ok(running >= 0, `finished before started at: ${line}`);
  }
  for (const name of names) assert.ok(at(run, `${name} started`) < at(run, `${name} finished`));
}

/** Every example file and the check for it; a new example without a check fails below. */
const checks: Record<string, (run: Run) => void> = {
  "01-sequential-list.ts": (run) => {
    // Strictly sequential: the notes fix the whole output.
    assert.deepEqual(run.lines, ["1. Plain TypeScript — sequential calls", ...produced, ...consumed]);
  },

  "02-threading-queue.ts": (run) => {
    assert.deepEqual(run.lines.slice(0, 2), ["2. Plain TypeScript + threads", "Starting threads..."]);
    const events = run.lines.slice(2);
    assert.deepEqual(
      events.filter((l) => l.startsWith("[P]")),
      produced,
    );
    assert.deepEqual(
      events.filter((l) => l.startsWith("[C]")),
      consumed,
    );
    assert.equal(events.length, produced.length + consumed.length, run.stdout);
    // The consumer thread blocks in its sleep while the main thread keeps putting.
    assert.ok(at(run, consumed[0]) < at(run, produced[4]), `no overlap:\n${run.stdout}`);
  },

  "03-asyncio-sequential.ts": (run) => {
    assert.deepEqual(run.lines, [
      "Starting the event loop...",
      "3. asyncio style — sequential",
      ...produced,
      ...consumed,
    ]);
  },

  "04-asyncio-tasks.ts": (run) => {
    const events = run.lines.filter((l) => l.startsWith("["));
    // Each side in its own order, everything exactly once...
    assert.deepEqual(
      events.filter((l) => l.startsWith("[P]")),
      produced,
    );
    assert.deepEqual(
      events.filter((l) => l.startsWith("[C]")),
      consumed,
    );
    // ...and interleaved: the consumer starts before the producer is done.
    assert.ok(at(run, consumed[0]) < at(run, produced[4]), `no overlap:\n${run.stdout}`);
    assert.ok(at(run, consumed[0]) < at(run, produced[1]), "consumer picks Task 1 up at once");
  },

  "recap-1-simple.ts": (run) => {
    // asyncio's order: the producer prints before the woken consumer runs.
    assert.deepEqual(run.lines, ["Produced 0", "Consumed 0", "Produced 1", "Consumed 1", "Produced 2", "Consumed 2"]);
  },

  "recap-2-backpressure.ts": (run) => {
    const expected = [0, 1, 2, 3, 4].flatMap((i) => [`Produced ${i}`, `Consumed ${i}`]);
    assert.deepEqual(run.lines, expected, "every item consumed once, in order, none after the sentinel");
  },

  "queue-join-cancel.ts": (run) => {
    const expected = [0, 1, 2, 3, 4].flatMap((i) => [`Producing ${i}`, `Consuming ${i}`]);
    assert.deepEqual(run.lines, expected);
  },

  "lock.ts": (run) => {
    // The notes fix it: the second worker waits for the first to leave.
    assert.deepEqual(run.lines, ["Task 1 started", "Task 1 finished", "Task 2 started", "Task 2 finished"]);
    assertAtMostRunning(run, 1, ["Task 1", "Task 2"]);
  },

  "semaphore.ts": (run) => {
    assert.equal(run.lines.length, 6, run.stdout);
    assert.deepEqual(run.lines.slice(0, 2), ["Task 1 started", "Task 2 started"]);
    assertAtMostRunning(run, 2, ["Task 1", "Task 2", "Task 3"]);
    const firstFinish = Math.min(at(run, "Task 1 finished"), at(run, "Task 2 finished"));
    assert.ok(at(run, "Task 3 started") > firstFinish, "Task 3 starts only after a slot is released");
  },

  "gather-vs-tasks.ts": (run) => {
    assert.deepEqual(
      run.lines.filter((l) => /^[AB] /.test(l)),
      ["A started", "B started", "B finished", "A finished"],
    );
    assert.ok(at(run, "Task 1 done") < at(run, "Task 2 done"));
    at(run, "[ 'Task 1 done', 'Task 2 done' ]");
    const took = run.lines.filter((l) => l.startsWith("took ")).map((l) => Number(l.split(" ")[1]));
    assert.equal(took.length, 3);
    // 1 s and 2 s side by side take 2 s, not the 3 s they would one after the other.
    for (const seconds of took) assert.ok(seconds >= 1.5 && seconds < 2.8, `took ${seconds} s`);
  },

  "task-group.ts": (run) => {
    // Task 2 fails at 2 s; task 3 (3 s) is cancelled; task 1 had already finished.
    assert.deepEqual(run.lines, ["Task 3 cancelled", "Error: Error in task 2"]);
  },

  "to-thread.ts": (run) => {
    assert.deepEqual(run.lines.filter((l) => !l.startsWith("(")), [
      "1. toThread — asyncio.to_thread()",
      "Done",
      "2. The default executor — loop.run_in_executor(None, ...)",
      "Done",
      "3. An explicit pool — ThreadPoolExecutor()",
      "Done",
    ]);
    // The blocking task ran on another thread: the event loop's timer kept ticking
    // (about 20 ticks; a blocked loop would fire it once at most).
    const ticked = /^\(the event loop stayed free: a 0\.1 s timer ticked (\d+) times meanwhile\)$/.exec(run.lines[4]);
    assert.ok(ticked, run.stdout);
    assert.ok(Number(ticked[1]) >= 5, `only ${ticked[1]} ticks`);
  },

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

describe("examples", { concurrency: 2 }, () => {
  test("every example has a check, and every check an example", () => {
    const files = readdirSync(EXAMPLES_DIR)
      .filter((f) => f.endsWith(".ts"))
      .sort();
    assert.deepEqual(files, Object.keys(checks).sort());
  });

  // Example 02's consumer gives up after a get times out (the notes' 4 s, scaled): at
  // 0.05 that is 200 ms, which a loaded CI machine can stall the producer for.
  const scales: Record<string, number> = { "02-threading-queue.ts": 0.25 };

  for (const [file, check] of Object.entries(checks)) {
    test(file, async () => {
      const run = await runExample(file, scales[file]);
      assertClean(run);
      check(run);
    });
  }
});
