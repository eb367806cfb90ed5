/**
 * Executor workloads (issue 3, Speed):
 * - tiny tasks: 100,000 calls of `add({ a, b })` through a 2-thread pool, submitted in waves
 *   of 10,000 (`Promise.all` per wave, the same for every pool) to bound memory; tasks/s.
 * - CPU: 32 calls of recursive `fib(30)`, sequentially on the main thread vs all at once on
 *   each 2-thread pool; speedup = sequential time / pool time (best runs of each).
 * Each pool is created, warmed up, measured and destroyed before the next one starts, so
 * idle pools never share the CPU with the one being measured. Results are checked.
 */
import { fib } from "./workers/tasks.mjs";
import { POOLS, THREADS, type PoolAdapter } from "./lib/pools.ts";
import { printTable, rateHeader, rateRows, type Result } from "./lib/report.ts";
import { formatPercent, formatRatio, type Row } from "./lib/table.ts";
import { measureRounds, median, spread, withDeadline, type Sample } from "./lib/timing.ts";

/** Options for {@link runExecSuite}. */
export interface ExecSuiteOptions {
  readonly runs: number;
  readonly warmup: number;
}

const TINY_TASKS = 100_000;
const WAVE = 10_000;
const FIB_TASKS = 32;
const FIB_N = 30;
const FIB_RESULT = 832_040;
const RUN_LIMIT_MS = 60_000;

async function tinyTasks(pool: PoolAdapter): Promise<void> {
  let total = 0;
  for (let start = 0; start < TINY_TASKS; start += WAVE) {
    const wave = Array.from({ length: WAVE }, (_, j) => pool.run("add", { a: start + j, b: 1 }));
    for (const result of await withDeadline(Promise.all(wave), RUN_LIMIT_MS, "a wave of tiny tasks")) {
      total += result as number;
    }
  }
  if (total !== (TINY_TASKS * (TINY_TASKS + 1)) / 2) throw new Error(`tiny tasks: wrong checksum ${total}`);
}

async function fibOnPool(pool: PoolAdapter): Promise<void> {
  const all = Promise.all(Array.from({ length: FIB_TASKS }, () => pool.run("fib", FIB_N)));
  const results = await withDeadline(all, RUN_LIMIT_MS, "fib tasks");
  if (!results.every((r) => r === FIB_RESULT)) throw new Error("fib: wrong result");
}

async function fibSequential(): Promise<void> {
  for (let i = 0; i < FIB_TASKS; i++) if (fib(FIB_N) !== FIB_RESULT) throw new Error("fib: wrong result");
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0];
}

/**
 * Runs the tiny-task and fib workloads on every pool and prints two tables.
 *
 * @example
 * await runExecSuite({ runs: 5, warmup: 1 });
 */
export async function runExecSuite(options: ExecSuiteOptions): Promise<void> {
  console.log(`\n# Thread pools: ${THREADS} threads each, best of ${options.runs} runs after ${options.warmup} warm-up`);
  const [sequential] = await measureRounds([{ units: FIB_TASKS, fn: fibSequential }], options);
  if (sequential instanceof Error) throw sequential;
  const tiny: Result[] = [];
  const cpu: Result[] = [];
  for (const factory of POOLS) {
    let pool: PoolAdapter;
    try {
      pool = await factory.create();
    } catch (error) {
      const reason = `not available (${firstLine(error)})`;
      console.log(`${factory.name}: ${reason}`);
      tiny.push({ name: factory.name, unavailable: "not available" });
      cpu.push({ name: factory.name, unavailable: "not available" });
      continue;
    }
    try {
      for (const [list, units, fn, what] of [
        [tiny, TINY_TASKS, () => tinyTasks(pool), "tiny tasks"],
        [cpu, FIB_TASKS, () => fibOnPool(pool), "fib"],
      ] as const) {
        const [sample] = await measureRounds([{ units, fn }], options);
        if (!(sample instanceof Error)) list.push({ name: factory.name, sample });
        else {
          console.log(`${factory.name} (${what}): failed (${firstLine(sample)})`);
          list.push({ name: factory.name, unavailable: "failed" });
        }
      }
    } finally {
      await pool.close();
    }
  }

  const title = `tiny tasks: ${TINY_TASKS.toLocaleString("en-US")} × add, waves of ${WAVE.toLocaleString("en-US")}, tasks/s`;
  printTable(title, rateHeader("tasks"), rateRows(tiny, "conveyor ThreadPool"));

  const seqBest = Math.min(...sequential.ms);
  const fibRow = (name: string, s: Sample): Row => [
    name,
    Math.min(...s.ms).toFixed(0),
    median(s.ms).toFixed(0),
    formatPercent(spread(s)),
    formatRatio(seqBest / Math.min(...s.ms)),
  ];
  const rows: Row[] = [fibRow("sequential, main thread", sequential)];
  for (const c of cpu) rows.push(c.sample === undefined ? [c.name, c.unavailable ?? "", "", "", ""] : fibRow(c.name, c.sample));
  const header = ["implementation", "ms (best)", "ms (median)", "spread", "speedup (best)"];
  printTable(`CPU: ${FIB_TASKS} × fib(${FIB_N}), ${THREADS} threads`, header, rows);
}
