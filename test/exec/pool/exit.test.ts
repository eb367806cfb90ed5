// An idle pool never keeps the process alive: scripts that use pools without closing
// them must exit by themselves.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const script = fileURLToPath(new URL("./fixtures/no-close.ts", import.meta.url));

const plainNode = fileURLToPath(new URL("./fixtures/plain-node.mjs", import.meta.url));

function runScript(kind: string, limitMs: number, args = ["--import", "tsx", script]): Promise<{ code: number | null; out: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, [...args, kind], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`script "${kind}" still running after ${limitMs} ms: the pool kept the process alive`));
    }, limitMs);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, out: out.trim(), ms: Date.now() - started });
    });
  });
}

for (const [kind, expected] of [["thread", "3"], ["process", "3"], ["functions", "3 3"], ["idle", "3"]]) {
  test(`a script with an unclosed ${kind} pool exits by itself`, async () => {
    const { code, out } = await runScript(kind, 8000);
    assert.equal(code, 0);
    assert.equal(out, expected);
  });
}

for (const kind of ["thread", "process"]) {
  test(`a TypeScript task module loads in ${kind} workers when only the main thread has tsx`, async () => {
    const { code, out } = await runScript(kind, 8000, [plainNode]);
    assert.equal(code, 0);
    assert.equal(out, "3");
  });
}
