/**
 * `conveyor/trace` from the built package, imported by name as a user would (`npm test`
 * builds first), so a missing `exports` entry or `dist/trace` file fails here.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";

const root = new URL("../../", import.meta.url);

test("conveyor/trace exports the recorder, the analysis and the timeline from dist", () => {
  const source = `
    import * as t from "conveyor/trace";
    const names = ["TraceRecorder", "analyzeTrace", "renderTimeline", "formatDuration", "handOffs",
      "tookTurns", "overlapTime", "idleTime", "sequentialSum", "wallTime", "spanDuration", "assertSpan"];
    const missing = names.filter((n) => typeof t[n] !== "function");
    let now = 0;
    const trace = new t.TraceRecorder(() => now);
    const finish = trace.begin("consumer", "process", "a");
    now = 10;
    finish();
    console.log(JSON.stringify({
      missing,
      sequential: t.analyzeTrace(trace.spans()).sequentialMs,
      row: t.renderTimeline(trace.spans(), { width: 4 }).split("\\n")[0],
      url: import.meta.resolve("conveyor/trace"),
    }));
  `;
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", source], { cwd: root, encoding: "utf8" });
  assert.equal(result.status, 0, `child failed:\n${result.stderr}`);
  const out = JSON.parse(result.stdout) as { missing: string[]; sequential: number; row: string; url: string };
  assert.deepEqual(out.missing, []);
  assert.equal(out.sequential, 10);
  assert.equal(out.row, "consumer |====|");
  assert.match(out.url, /\/dist\/trace\/index\.js$/);
});

test("dist/trace ships its type declarations", () => {
  const result = spawnSync(
    process.execPath,
    ["-e", "const fs = require('node:fs'); for (const f of ['index', 'span', 'recorder', 'analysis', 'timeline']) fs.accessSync(`dist/trace/${f}.d.ts`)"],
    { cwd: root, encoding: "utf8" },
  );
  assert.equal(result.status, 0, result.stderr);
});
