/**
 * Thread boot: what a first `toThread` / `ThreadPool.run` costs, and where the time goes.
 * Run: `node --import tsx bench/thread-boot.ts [--runs N]` (build first: `npm run build`).
 *
 * A first call happens once per process, so every sample is a fresh `node` process (one
 * per part: bare thread, toThread, ThreadPool), for two setups: the built package under plain node (what users run), and the sources
 * under tsx (how the examples and tests run). The phases of a first `ThreadPool.run`,
 * from the call: `online` (the thread runs JavaScript: Node's own thread start), `ready`
 * (conveyor's worker entry and the task module are loaded; from source this includes
 * registering tsx in the thread), `result`. `bare` is an empty `new Worker` round trip,
 * the floor for any thread pool; `later` is one more awaited `toThread` once the thread
 * is up. Medians of the runs are printed.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = fileURLToPath(new URL("..", import.meta.url));
const { values } = parseArgs({ options: { runs: { type: "string", default: "7" } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new RangeError(`--runs expects a positive integer, got ${values.runs}`);

type Phases = Record<"bare" | "toThread" | "later" | "online" | "ready" | "result", number>;
type Part = "bare" | "toThread" | "pool";

/** The measuring program for one part, an ES module; every part runs in a fresh process. */
function program(part: Part, execUrl: string, tasksUrl: string): string {
  const body: Record<Part, string> = {
    // An empty thread: the floor for any thread pool.
    bare: `
const { Worker } = await import("node:worker_threads");
let t = now();
const bare = new Worker('require("node:worker_threads").parentPort.postMessage(0)', { eval: true });
await new Promise((resolve) => bare.once("message", resolve));
out.bare = now() - t;
await bare.terminate();`,
    toThread: `
let t = now();
await execModule.toThread(() => 1);
out.toThread = now() - t;
const n = 200;
t = now();
for (let i = 0; i < n; i++) await execModule.toThread(() => 1);
out.later = ((now() - t) / n) * 1000; // microseconds`,
    pool: `
const pool = new execModule.ThreadPool({ module: ${JSON.stringify(tasksUrl)}, maxWorkers: 1 });
const t = now();
const first = pool.run(1, { name: "fib" });
await Promise.resolve(); // the pool starts its thread in a microtask
const worker = pool.threads[0];
worker.once("online", () => (out.online = now() - t));
const onMessage = (message) => {
  if (Array.isArray(message) && message[0] === 1) { // MSG_READY (src/exec/pool/protocol.ts)
    out.ready = now() - t;
    worker.off("message", onMessage);
  }
};
worker.on("message", onMessage);
await first;
out.result = now() - t;
await pool.close();`,
  };
  return `const execModule = await import(${JSON.stringify(execUrl)});
const now = () => performance.now();
const out = {};
${body[part]}
console.log(JSON.stringify(out));
`;
}

const dir = mkdtempSync(join(tmpdir(), "conveyor-thread-boot-"));

function sample(args: string[], code: string): Partial<Phases> {
  // A file, not -e: the parent's --input-type would change how threads start.
  const file = join(dir, "program.mjs");
  writeFileSync(file, code);
  const stdout = execFileSync(process.execPath, [...args, file], { cwd: root, encoding: "utf8" });
  return JSON.parse(stdout.trim().split("\n").pop()!) as Partial<Phases>;
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

const setups = [
  {
    name: "built package (node, dist/)",
    args: [] as string[],
    exec: new URL("../dist/exec/index.js", import.meta.url).href,
    tasks: new URL("./workers/tasks.mjs", import.meta.url).href,
  },
  {
    name: "sources under tsx (src/)",
    args: ["--import", "tsx"],
    exec: new URL("../src/exec/index.ts", import.meta.url).href,
    tasks: new URL("../examples/workers/tasks.ts", import.meta.url).href,
  },
];

console.log(`thread boot — node ${process.version}, ${runs} fresh processes per setup, medians in ms (later: µs)`);
console.log("setup                        | bare  | toThread | later µs | pool: online | ready | result");
for (const setup of setups) {
  const samples: Partial<Phases>[] = [];
  for (let i = 0; i < runs; i++) {
    const one: Partial<Phases> = {};
    for (const part of ["bare", "toThread", "pool"] as const) Object.assign(one, sample(setup.args, program(part, setup.exec, setup.tasks)));
    samples.push(one);
  }
  const m = (key: keyof Phases): string => median(samples.map((s) => s[key]!)).toFixed(1);
  console.log(
    `${setup.name.padEnd(28)} | ${m("bare").padStart(5)} | ${m("toThread").padStart(8)} | ${m("later").padStart(8)} | ` +
      `${m("online").padStart(12)} | ${m("ready").padStart(5)} | ${m("result").padStart(6)}`,
  );
}
rmSync(dir, { recursive: true, force: true });
