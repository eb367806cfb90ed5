// Nothing a task prints is lost. A worker thread's stdout is relayed through the main
// thread; a program that ends while lines are still in that relay must still show them,
// whether the pool is closed or not (toThread's shared pool never is). ProcessPool and
// ThreadPool agree on close(): output a task scheduled after returning is kept.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const SCRIPT = fileURLToPath(new URL("./fixtures/print.ts", import.meta.url));

function run(kind: string): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ["--import", "tsx", SCRIPT, kind], { timeout: 20_000 }, (error, stdout, stderr) =>
      error ? reject(error) : resolve({ stdout, stderr }),
    );
  });
}

/** Runs the script `attempts` times (the loss is a race) and checks every run's lines. */
async function expectLines(kind: string, expected: string[], attempts = 3, stream: "stdout" | "stderr" = "stdout"): Promise<void> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    const output = (await run(kind))[stream];
    const lines = output.split("\n").filter((l) => l !== "");
    assert.deepEqual(lines, expected, `attempt ${attempt}, script "${kind}"`);
  }
}

const FIVE = ["line 1", "line 2", "line 3", "line 4", "line 5"];

test("toThread output reaches stdout though its shared pool is never closed", async () => {
  await expectLines("toThread", FIVE);
});

test("toThread output to stderr is not lost either", async () => {
  await expectLines("toThread-stderr", FIVE, 2, "stderr");
});

test("a ThreadPool never closed loses none of what its task printed", async () => {
  await expectLines("thread-unclosed", FIVE);
});

test("ThreadPool close() lets the thread flush what its task printed", async () => {
  await expectLines("thread-close", FIVE);
});

test("ThreadPool close() flushes lines piled up while the task blocked its thread", async () => {
  await expectLines("thread-close-blocking", Array.from({ length: 20 }, (_, i) => `line ${i + 1}`));
});

for (const kind of ["thread", "process"]) {
  test(`${kind === "thread" ? "ThreadPool" : "ProcessPool"} close() keeps output a task scheduled after returning`, async () => {
    await expectLines(`${kind}-close-late`, ["late line"], 2);
  });
}
