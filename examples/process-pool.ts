/**
 * CPU-bound work belongs in processes (seed 003: "for CPU-bound tasks use
 * multiprocessing"; seed 002: threads and asyncio do not help CPU work under the GIL).
 *
 * Python:
 *     from concurrent.futures import ProcessPoolExecutor
 *     def fib(n): return n if n < 2 else fib(n - 1) + fib(n - 2)
 *
 *     results = [fib(n) for n in jobs]                                  # sequential
 *     with ProcessPoolExecutor(max_workers=2) as pool:
 *         results = await asyncio.gather(*(loop.run_in_executor(pool, fib, n) for n in jobs))
 *
 * The same jobs run one after another on the main thread, then in a `ProcessPool` of two
 * child processes (`await using` is the `with` block). Each process has its own CPU core
 * and heap, so on a machine with two free cores the pool takes about half the time. The
 * pool's processes are started before the clock starts: starting a process is a fixed
 * cost, not part of the work compared here.
 *
 * Run: npx tsx examples/process-pool.ts   (CONVEYOR_SCALE=0.1 for a faster run)
 */
import { performance } from "node:perf_hooks";
import { ProcessPool } from "../src/exec/index.ts";
import { fib } from "./workers/tasks.ts";

const SCALE = Number(process.env.CONVEYOR_SCALE) || 1;
// fib(n) takes about φ ≈ 1.618 times as long as fib(n - 1); shrink n so the run time
// shrinks by SCALE (fib(36) takes about 0.1 s on a laptop).
const N = Math.max(20, Math.round(36 + Math.log(SCALE) / Math.log(1.618)));
const jobs = [N, N, N, N, N, N, N, N];

const time = async <T>(work: () => T | Promise<T>): Promise<[T, number]> => {
  const start = performance.now();
  const result = await work();
  return [result, (performance.now() - start) / 1000];
};

console.log(`${jobs.length} jobs of fib(${N})\n`);

const [sequential, sequentialSeconds] = await time(() => jobs.map((n) => fib(n)));
console.log(`sequential, main thread:   ${sequentialSeconds.toFixed(2)} s`);

await using pool = new ProcessPool({ module: new URL("./workers/tasks.ts", import.meta.url), maxWorkers: 2 });
// Start both processes first (each loads the task module), so the clock measures the work.
await Promise.all([pool.run(1, { name: "fib" }), pool.run(1, { name: "fib" })]);

const [parallel, parallelSeconds] = await time(() => Promise.all(jobs.map((n) => pool.run<number>(n, { name: "fib" }))));
console.log(`process pool, 2 processes: ${parallelSeconds.toFixed(2)} s`);

const same = parallel.every((value, i) => value === sequential[i]);
console.log(`\nsame results: ${same ? "yes" : "no"} (fib(${N}) = ${sequential[0]})`);
console.log(`speedup: ${(sequentialSeconds / parallelSeconds).toFixed(1)}x`);
