/**
 * Core queue workloads (issue 2 §5): a pipe (1 producer, 1 consumer) and a fan-out
 * (1 producer, 8 consumers), maxsize 100, N items. The producer awaits `put(i)` for each
 * item, each consumer awaits `get()` then calls `taskDone()`, and the main task awaits
 * `join()` once the producer is done. Consumers stop after N gets in total (a shared
 * claim counter, identical for every implementation). Every run checks the sum of the
 * items it received, so a queue that loses or duplicates items fails instead of looking fast.
 *
 * Peers without a get/put queue are driven the way their docs suggest:
 * - fastq (`fastq.promise`, concurrency 1 / 8): the worker is the consumer body; the producer
 *   pushes while fewer than 100 tasks wait and otherwise parks until fastq's `empty` hook
 *   fires (fastq has no "below N" hook, so it refills from 0 — a looser bound than 100).
 * - p-queue (concurrency 1 / 8): `await queue.onSizeLessThan(100)` before each `add`,
 *   `await queue.onIdle()` as join.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import fastq from "fastq";
import PQueue from "p-queue";
import { RingQueue } from "./peers/ring-queue.ts";
import { printTable, rateHeader, rateRows, type Result } from "./lib/report.ts";
import { measureRounds, type Sample } from "./lib/timing.ts";

/** The part of conveyor's Queue (issue 2 §2) this bench uses. */
interface AsyncQueue<T> {
  put(item: T): Promise<void>;
  get(): Promise<T>;
  taskDone(): void;
  join(): Promise<void>;
}
type QueueClass = new <T>(options: { maxsize: number }) => AsyncQueue<T>;

/** Options for {@link runQueueSuite}. */
export interface QueueSuiteOptions {
  readonly items: number;
  readonly runs: number;
  readonly warmup: number;
}

interface Workload {
  readonly name: string;
  readonly consumers: number;
}

const WORKLOADS: readonly Workload[] = [
  { name: "pipe", consumers: 1 },
  { name: "fan-out", consumers: 8 },
];
const MAXSIZE = 100;

function checkSum(total: number, n: number, who: string): void {
  if (total !== (n * (n - 1)) / 2) throw new Error(`${who}: checksum mismatch (${total}), items lost or duplicated`);
}

// The two get/put drivers below are deliberately separate copies: sharing one function
// would make its call sites polymorphic and slow both queues down.

async function driveConveyor(Queue: QueueClass, n: number, consumers: number): Promise<void> {
  const q = new Queue<number>({ maxsize: MAXSIZE });
  let claimed = 0;
  let total = 0;
  const consume = async (): Promise<void> => {
    while (claimed < n) {
      claimed++;
      const item = await q.get();
      total += item;
      q.taskDone();
    }
  };
  const tasks = Array.from({ length: consumers }, consume);
  for (let i = 0; i < n; i++) await q.put(i);
  await q.join();
  await Promise.all(tasks);
  checkSum(total, n, "conveyor Queue");
}

async function driveRing(n: number, consumers: number): Promise<void> {
  const q = new RingQueue<number>(MAXSIZE);
  let claimed = 0;
  let total = 0;
  const consume = async (): Promise<void> => {
    while (claimed < n) {
      claimed++;
      const item = await q.get();
      total += item;
      q.taskDone();
    }
  };
  const tasks = Array.from({ length: consumers }, consume);
  for (let i = 0; i < n; i++) await q.put(i);
  await q.join();
  await Promise.all(tasks);
  checkSum(total, n, "ring queue");
}

async function driveFastq(n: number, consumers: number): Promise<void> {
  let total = 0;
  const q = fastq.promise(async (item: number): Promise<void> => {
    total += item;
  }, consumers);
  let resume: (() => void) | undefined;
  q.empty = () => {
    const r = resume;
    resume = undefined;
    r?.();
  };
  for (let i = 0; i < n; i++) {
    if (q.length() >= MAXSIZE) await new Promise<void>((r) => (resume = r));
    void q.push(i);
  }
  await q.drained();
  checkSum(total, n, "fastq");
}

async function drivePQueue(n: number, consumers: number): Promise<void> {
  let total = 0;
  const q = new PQueue({ concurrency: consumers });
  for (let i = 0; i < n; i++) {
    await q.onSizeLessThan(MAXSIZE);
    void q.add(async () => {
      total += i;
    });
  }
  await q.onIdle();
  checkSum(total, n, "p-queue");
}

async function loadConveyorQueue(): Promise<QueueClass | string> {
  try {
    // A computed specifier so this file type-checks and runs before src/index.ts exists.
    const url = new URL("../src/index.ts", import.meta.url).href;
    const mod = (await import(url)) as { Queue?: QueueClass };
    return typeof mod.Queue === "function" ? mod.Queue : "src/index.ts exports no Queue";
  } catch (error) {
    return `not available (${(error as Error).message.split("\n")[0]})`;
  }
}

function runPython(options: QueueSuiteOptions): Map<string, Result> {
  const name = "Python asyncio.Queue";
  const script = fileURLToPath(new URL("./python/asyncio_queue.py", import.meta.url));
  const workloads = WORKLOADS.map((w) => `${w.name}:${w.consumers}`).join(",");
  const args = [script, String(options.items), String(MAXSIZE), String(options.warmup), String(options.runs), workloads];
  const child = spawnSync("python3", args, { encoding: "utf8", timeout: 600_000 });
  const out = new Map<string, Result>();
  let failure: string | undefined;
  let version = "";
  if (child.error !== undefined) failure = (child.error as NodeJS.ErrnoException).code === "ENOENT" ? "python3 not found" : child.error.message;
  else if (child.status !== 0) failure = `python3 failed: ${child.stderr.trim().split("\n").pop()}`;
  else {
    const parsed = JSON.parse(child.stdout) as { python: string; results: Record<string, number[]> };
    version = ` ${parsed.python}`;
    for (const w of WORKLOADS) {
      const sample: Sample = { units: options.items, ms: parsed.results[w.name].map((s) => s * 1000) };
      out.set(w.name, { name: `${name}${version}`, sample });
    }
  }
  for (const w of WORKLOADS) if (!out.has(w.name)) out.set(w.name, { name, unavailable: failure ?? "not run" });
  return out;
}

/**
 * Runs both workloads for every implementation and prints a table per workload.
 *
 * @example
 * await runQueueSuite({ items: 1_000_000, runs: 5, warmup: 1 });
 */
export async function runQueueSuite(options: QueueSuiteOptions): Promise<void> {
  const n = options.items;
  const Queue = await loadConveyorQueue();
  console.log(`\n# Queue: ${n.toLocaleString("en-US")} items, maxsize ${MAXSIZE}, ` +
    `best of ${options.runs} runs after ${options.warmup} warm-up (runs interleaved)`);
  if (typeof Queue === "string") console.log(`conveyor Queue: ${Queue}`);
  console.log("Python asyncio.Queue: running as a subprocess…");
  const python = runPython(options);

  for (const w of WORKLOADS) {
    const c = w.consumers;
    const entries: { name: string; fn: () => Promise<void> }[] = [];
    if (typeof Queue !== "string") entries.push({ name: "conveyor Queue", fn: () => driveConveyor(Queue, n, c) });
    entries.push(
      { name: "hand-written ring queue", fn: () => driveRing(n, c) },
      { name: `p-queue (concurrency ${c})`, fn: () => drivePQueue(n, c) },
      { name: `fastq (concurrency ${c})`, fn: () => driveFastq(n, c) },
    );
    const samples = await measureRounds(entries.map((e) => ({ units: n, fn: e.fn })), options);
    const results = entries.map((e, i): Result => {
      const s = samples[i];
      if (!(s instanceof Error)) return { name: e.name, sample: s };
      console.log(`${e.name} (${w.name}): failed (${s.message.split("\n")[0]})`);
      return { name: e.name, unavailable: "failed" };
    });
    if (typeof Queue === "string") results.unshift({ name: "conveyor Queue", unavailable: "not available" });
    results.push(python.get(w.name) as Result);
    const title = `${w.name}: 1 producer, ${c} consumer${c > 1 ? "s" : ""}, msgs/s`;
    printTable(title, rateHeader("msgs"), rateRows(results, "conveyor Queue"));
  }
}
