/**
 * Imports every public entry point from the built package by its name, as a user would
 * (`npm test` builds first), so a missing file in `exports` or `dist/` fails here.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";

const root = new URL("../../", import.meta.url);

function importInChild(source: string): string {
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", source], {
    cwd: root,
    encoding: "utf8",
  });
  assert.equal(result.status, 0, `child failed:\n${result.stderr}`);
  return result.stdout.trim();
}

test("conveyor (root) exports the core primitives from dist", () => {
  const out = importInChild(`
    import * as c from "conveyor";
    const names = ["Queue", "PriorityQueue", "LifoQueue", "Lock", "Semaphore", "BoundedSemaphore",
      "Event", "Condition", "Barrier", "TaskGroup", "timeout", "QueueEmpty", "QueueFull",
      "QueueShutDown", "BrokenBarrierError", "TimeoutError", "InvalidStateError"];
    const missing = names.filter((n) => typeof c[n] !== "function");
    const q = new c.Queue({ maxsize: 1 });
    q.putNowait(1);
    console.log(JSON.stringify({ missing, item: q.getNowait(), url: import.meta.resolve("conveyor") }));
  `);
  const { missing, item, url } = JSON.parse(out) as { missing: string[]; item: number; url: string };
  assert.deepEqual(missing, []);
  assert.equal(item, 1);
  assert.match(url, /\/dist\/index\.js$/);
});

test("conveyor/exec exports the executors from dist", () => {
  const out = importInChild(`
    import * as e from "conveyor/exec";
    const names = ["ThreadPool", "ProcessPool", "toThread", "toProcess", "ThreadQueue", "WorkerCrashedError"];
    console.log(JSON.stringify(names.filter((n) => typeof e[n] !== "function")));
  `);
  assert.deepEqual(JSON.parse(out), []);
});

test("the conveyor bin prints its version", () => {
  const result = spawnSync(process.execPath, ["dist/cli/main.js", "--version"], { cwd: root, encoding: "utf8" });
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /^\d+\.\d+\.\d+/);
});
