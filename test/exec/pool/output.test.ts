// What a task prints in a worker thread is relayed to the main thread asynchronously; a
// graceful close() must let the thread flush it instead of cutting it off.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const SCRIPT = fileURLToPath(new URL("./fixtures/print-then-close.ts", import.meta.url));

test("close() lets a worker thread flush what its task printed", async () => {
  for (let attempt = 0; attempt < 3; attempt++) {
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, ["--import", "tsx", SCRIPT], { timeout: 20_000 }, (error, out) =>
        error ? reject(error) : resolve(out),
      );
    });
    const lines = stdout.split("\n").filter((l) => l.startsWith("line "));
    assert.equal(lines.length, 20, `attempt ${attempt}: got ${lines.length} of 20 lines:\n${stdout}`);
  }
});
