/**
 * Cross-thread queue workloads (issue 3, Speed): the main thread produces N messages, one
 * worker thread consumes them.
 * - conveyor's ThreadQueue (maxsize 1024): main `await q.put(x)`, worker `await q.get()` +
 *   `taskDone()`, main `await q.join()`, then waits for the worker's checksum.
 * - MessagePort: main `worker.postMessage(x)` in a loop (no backpressure: the port buffers
 *   without limit), then waits for the worker's checksum.
 * Payloads: a 16-byte Uint8Array, and a small object `{ id, kind, ok }`.
 * Timing starts once the worker has loaded and said "ready", so start-up is not counted.
 */
import { once } from "node:events";
import { Worker } from "node:worker_threads";
import { printTable, rateHeader, rateRows, type Result } from "./lib/report.ts";
import { collectGarbage, type Sample } from "./lib/timing.ts";

/** Options for {@link runThreadQueueSuite}. */
export interface ThreadQueueSuiteOptions {
  readonly runs: number;
  readonly warmup: number;
}

/** The part of conveyor's ThreadQueue (issue 3) this bench uses. */
interface ThreadQueueLike {
  readonly handle: unknown;
  put(item: unknown): Promise<void>;
  join(): Promise<void>;
}
type ThreadQueueClass = new (options: { maxsize: number }) => ThreadQueueLike;

type Kind = "bytes" | "objects";

const MESSAGES = 500_000;
const MAXSIZE = 1024;
const MODULE_URL = new URL("../src/exec/index.ts", import.meta.url).href;
const CONSUMER_URL = new URL("./workers/threadqueue-consumer.mjs", import.meta.url);
const SINK_URL = new URL("./workers/port-sink.mjs", import.meta.url);

function expectedSum(kind: Kind): number {
  let sum = 0;
  for (let i = 0; i < MESSAGES; i++) sum += kind === "bytes" ? i & 255 : i;
  return sum;
}

/** Produces the i-th payload; bytes reuse one buffer, since both transports copy it. */
function payloads(kind: Kind): (i: number) => unknown {
  const bytes = new Uint8Array(16);
  if (kind === "bytes") {
    return (i) => {
      bytes[0] = i & 255;
      return bytes;
    };
  }
  return (i) => ({ id: i, kind: "order", ok: true });
}

const RUN_LIMIT_MS = 60_000;

/**
 * Rejects when the worker fails, exits early or the run takes too long, so a broken
 * consumer (which would leave `put` or `join` waiting forever) ends the run instead.
 */
function failureOf(worker: Worker): { promise: Promise<never>; cancel: () => void } {
  let cancel = (): void => {};
  const promise = new Promise<never>((_, reject) => {
    const timer = setTimeout(() => reject(new Error(`run exceeded ${RUN_LIMIT_MS} ms`)), RUN_LIMIT_MS);
    const onError = (error: Error): void => reject(error);
    const onExit = (code: number): void => reject(new Error(`worker exited early with code ${code}`));
    worker.on("error", onError).on("exit", onExit);
    cancel = () => {
      clearTimeout(timer);
      worker.off("error", onError).off("exit", onExit);
    };
  });
  promise.catch(() => {}); // only ever observed through Promise.race below
  return { promise, cancel };
}

/** Waits for the worker's "ready", then times `produce` until the worker's checksum arrives. */
async function timedRun(worker: Worker, kind: Kind, produce: () => Promise<void>): Promise<number> {
  const failure = failureOf(worker);
  try {
    const [ready] = (await Promise.race([once(worker, "message"), failure.promise])) as [unknown];
    if (ready !== "ready") throw new Error(`worker said ${JSON.stringify(ready)} instead of "ready"`);
    const done = once(worker, "message") as Promise<[{ sum: number }]>;
    collectGarbage();
    const start = process.hrtime.bigint();
    await Promise.race([produce(), failure.promise]);
    const [{ sum }] = await Promise.race([done, failure.promise]);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (sum !== expectedSum(kind)) throw new Error(`${kind}: checksum mismatch (${sum}), messages lost or duplicated`);
    return ms;
  } finally {
    failure.cancel();
    await worker.terminate();
  }
}

function runThreadQueue(ThreadQueue: ThreadQueueClass, kind: Kind): Promise<number> {
  const q = new ThreadQueue({ maxsize: MAXSIZE });
  const worker = new Worker(CONSUMER_URL, { workerData: { handle: q.handle, n: MESSAGES, kind, moduleUrl: MODULE_URL } });
  const payload = payloads(kind);
  return timedRun(worker, kind, async () => {
    for (let i = 0; i < MESSAGES; i++) await q.put(payload(i));
    await q.join();
  });
}

function runMessagePort(kind: Kind): Promise<number> {
  const worker = new Worker(SINK_URL, { workerData: { n: MESSAGES, kind } });
  const payload = payloads(kind);
  return timedRun(worker, kind, async () => {
    for (let i = 0; i < MESSAGES; i++) worker.postMessage(payload(i));
  });
}

async function sampleOf(runOnce: () => Promise<number>, options: ThreadQueueSuiteOptions): Promise<Sample> {
  for (let i = 0; i < options.warmup; i++) await runOnce();
  const ms: number[] = [];
  for (let i = 0; i < options.runs; i++) ms.push(await runOnce());
  return { units: MESSAGES, ms };
}

async function loadThreadQueue(): Promise<ThreadQueueClass | string> {
  try {
    const mod = (await import(MODULE_URL)) as { ThreadQueue?: ThreadQueueClass };
    return typeof mod.ThreadQueue === "function" ? mod.ThreadQueue : "src/exec/index.ts exports no ThreadQueue";
  } catch (error) {
    return `not available (${(error as Error).message.split("\n")[0]})`;
  }
}

/**
 * Runs both payload kinds through conveyor's ThreadQueue and a MessagePort.
 *
 * @example
 * await runThreadQueueSuite({ runs: 5, warmup: 1 });
 */
export async function runThreadQueueSuite(options: ThreadQueueSuiteOptions): Promise<void> {
  console.log(`\n# Cross-thread queue: ${MESSAGES.toLocaleString("en-US")} messages, main thread → 1 worker, ` +
    `best of ${options.runs} runs after ${options.warmup} warm-up`);
  const ThreadQueue = await loadThreadQueue();
  if (typeof ThreadQueue === "string") console.log(`conveyor ThreadQueue: ${ThreadQueue}`);
  for (const kind of ["bytes", "objects"] as const) {
    const results: Result[] = [];
    const measure = async (name: string, runOnce: () => Promise<number>): Promise<void> => {
      try {
        results.push({ name, sample: await sampleOf(runOnce, options) });
      } catch (error) {
        console.log(`${name} (${kind}): failed (${(error as Error).message.split("\n")[0]})`);
        results.push({ name, unavailable: "failed" });
      }
    };
    if (typeof ThreadQueue === "string") results.push({ name: "conveyor ThreadQueue", unavailable: "not available" });
    else await measure("conveyor ThreadQueue", () => runThreadQueue(ThreadQueue, kind));
    await measure("MessagePort (postMessage)", () => runMessagePort(kind));
    const what = kind === "bytes" ? "16-byte Uint8Array" : "small object { id, kind, ok }";
    printTable(`cross-thread: ${what}, msgs/s`, rateHeader("msgs"), rateRows(results, "conveyor ThreadQueue"));
  }
}
