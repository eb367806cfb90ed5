/**
 * Bench entry point: `npm run bench [-- <suite>...] [--runs N] [--items N]`.
 * Suites: `queue` (core Queue vs peers), `exec` (thread pools: tiny tasks and fib, then the
 * cross-thread queue), `threadqueue` (only the cross-thread queue vs MessagePort).
 * No suite named: all of them.
 */
import { availableParallelism, cpus } from "node:os";
import { parseArgs } from "node:util";
import { runQueueSuite } from "./queue.ts";

const SUITES = ["queue", "exec", "threadqueue"] as const;
type Suite = (typeof SUITES)[number];

function isSuite(name: string): name is Suite {
  return (SUITES as readonly string[]).includes(name);
}

function positiveInt(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${flag} expects a positive integer, got ${value}`);
  return n;
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    runs: { type: "string" },
    warmup: { type: "string" },
    items: { type: "string" },
  },
});
for (const name of positionals) {
  if (!isSuite(name)) {
    console.error(`unknown suite ${JSON.stringify(name)}; expected one of ${SUITES.join(", ")}`);
    process.exit(2);
  }
}
const chosen: Suite[] = positionals.length === 0 ? [...SUITES] : (positionals as Suite[]);
const runs = positiveInt(values.runs, "--runs", 5);
const warmup = values.warmup === "0" ? 0 : positiveInt(values.warmup, "--warmup", 1);

const argv = process.argv.slice(2).join(" ");
console.log(`conveyor bench — node ${process.version}, ${availableParallelism()} CPUs (${cpus()[0]?.model ?? "unknown"})`);
console.log(`command: npm run bench${argv === "" ? "" : ` -- ${argv}`}`);

if (chosen.includes("queue")) {
  await runQueueSuite({ items: positiveInt(values.items, "--items", 1_000_000), runs, warmup });
}
if (chosen.includes("exec")) {
  const { runExecSuite } = await import("./exec.ts");
  await runExecSuite({ runs, warmup });
}
if (chosen.includes("exec") || chosen.includes("threadqueue")) {
  const { runThreadQueueSuite } = await import("./threadqueue.ts");
  await runThreadQueueSuite({ runs, warmup });
}
