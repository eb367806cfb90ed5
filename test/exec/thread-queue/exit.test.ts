// Programs using a ThreadQueue exit by themselves: an idle queue holds nothing open, and a
// waiting call holds its thread only while it waits.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";

const script = fileURLToPath(new URL("./fixtures/exit-script.ts", import.meta.url));

function run(scenario: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ["--import", "tsx", script, scenario], {
    encoding: "utf8",
    timeout: 15_000, // a hang is killed and fails the test, rather than the file
  });
  return { status: result.status, stdout: result.stdout.trim(), stderr: result.stderr };
}

describe("ThreadQueue: no hang at exit", () => {
  for (const [scenario, expected] of [
    ["pipeline", "joined"],
    ["abortedWait", "TimeoutError"],
    ["idle", "idle 1"],
    ["waitingMain", "late"],
  ]) {
    test(`${scenario}: exits 0 by itself`, () => {
      const { status, stdout, stderr } = run(scenario);
      assert.equal(status, 0, `exit status ${status}; stderr:\n${stderr}`);
      assert.equal(stdout, expected);
    });
  }
});
