/**
 * Test helpers for ThreadQueue: start TypeScript worker fixtures from source, and bound
 * every wait so a broken queue fails a test instead of hanging it.
 */
import { Worker } from "node:worker_threads";
import { within } from "../../helpers/async.ts";

const WORKER_URL = new URL("./fixtures/worker.ts", import.meta.url).href;

/**
 * Starts `fixtures/worker.ts` in a worker thread with `workerData`.
 *
 * Node 20 does not apply the parent's `--import tsx` to a worker's TypeScript entry
 * (checked: "Unknown file extension .ts", with inherited or explicit execArgv), so the
 * worker starts from a tiny JavaScript module that registers tsx's loader first.
 */
export function startWorker(workerData: unknown): Worker {
  const bootstrap =
    `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_URL)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}

// `within` is shared with the core tests.
export { within };

/**
 * A worker's messages and exit, kept from the moment it starts: a Worker drops messages
 * that arrive while nobody listens, and tests often look for a message after it was sent.
 */
export class Inbox {
  private readonly messages: unknown[] = [];
  private readonly waiting: Array<{ resolve: (m: unknown) => void; reject: (e: unknown) => void }> = [];
  private failure: unknown;
  private readonly exit: Promise<number>;

  readonly worker: Worker;

  constructor(worker: Worker) {
    this.worker = worker;
    worker.on("message", (message: unknown) => {
      const waiter = this.waiting.shift();
      if (waiter) waiter.resolve(message);
      else this.messages.push(message);
    });
    worker.on("error", (err) => {
      this.failure = err;
      for (const waiter of this.waiting.splice(0)) waiter.reject(err);
    });
    this.exit = new Promise((resolve) => {
      worker.once("exit", (code: number) => {
        resolve(code);
        const gone = new Error(`worker exited (code ${code}) before posting the message`);
        this.failure ??= gone;
        for (const waiter of this.waiting.splice(0)) waiter.reject(gone);
      });
    });
  }

  /** The next message (bounded); rejects if the worker failed. */
  next<T = unknown>(ms = 10_000): Promise<T> {
    if (this.messages.length > 0) return Promise.resolve(this.messages.shift() as T);
    if (this.failure !== undefined) return Promise.reject(this.failure);
    const message = new Promise<T>((resolve, reject) => {
      this.waiting.push({ resolve: resolve as (m: unknown) => void, reject });
    });
    return within(ms, message, "worker message");
  }

  /** The worker's exit code once it exits (bounded). */
  exitCode(ms = 10_000): Promise<number> {
    return within(ms, this.exit, "worker exit");
  }
}

/** True if `promise` is still pending after `ms`. */
export async function stillPending(promise: Promise<unknown>, ms: number): Promise<boolean> {
  const marker = Symbol("pending");
  const timer = new Promise<symbol>((resolve) => setTimeout(resolve, ms, marker));
  const winner = await Promise.race([promise.then(() => null, () => null), timer]);
  return winner === marker;
}

/** Terminates every worker still running (for `afterEach`). */
export async function terminateAll(workers: Worker[]): Promise<void> {
  await Promise.all(workers.splice(0).map((w) => w.terminate()));
}

/**
 * Releases everything a failed test may have left waiting on `q` (a waiting call keeps
 * its thread alive, which would hang the test file): shuts it down, discarding items,
 * and marks every unfinished task done so pending joins return.
 */
export function release(q: { shutdown(immediate: boolean): void; taskDone(): void }): void {
  q.shutdown(true);
  for (;;) {
    try {
      q.taskDone();
    } catch {
      return;
    }
  }
}
