/**
 * One small adapter per thread pool so bench/exec.ts drives them all the same way:
 * `run(task, arg)` calls an export of bench/workers/tasks.mjs in a worker, `close()`
 * tears the pool down. Every pool gets exactly two threads (min = max = 2, so none
 * spends measured time spinning threads up) and is otherwise at its defaults.
 */
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { Piscina } from "piscina";
import Tinypool from "tinypool";
import workerpool from "workerpool";

/** The task names exported by bench/workers/tasks.mjs. */
export type TaskName = "add" | "fib";

/** A pool as the exec bench sees it. */
export interface PoolAdapter {
  run(task: TaskName, arg: unknown): Promise<unknown>;
  close(): Promise<void>;
}

/** A named way to create a pool; `create` throws (or rejects) when the pool cannot load. */
export interface PoolFactory {
  readonly name: string;
  create(): Promise<PoolAdapter>;
}

export const THREADS = 2;
const TASKS_URL = new URL("../workers/tasks.mjs", import.meta.url);
const WORKERPOOL_SCRIPT = fileURLToPath(new URL("../workers/workerpool-worker.mjs", import.meta.url));
const RAW_WORKER_URL = new URL("../workers/raw-worker.mjs", import.meta.url);

/** The part of conveyor's ThreadPool (issue 3) this bench uses. */
interface ConveyorThreadPool {
  run(arg: unknown, options: { name: string }): Promise<unknown>;
  destroy(): Promise<void>;
}
type ThreadPoolClass = new (options: { module: URL; minWorkers: number; maxWorkers: number }) => ConveyorThreadPool;

const conveyor: PoolFactory = {
  name: "conveyor ThreadPool",
  async create() {
    // A computed specifier so this file type-checks and runs before src/exec exists.
    const url = new URL("../../src/exec/index.ts", import.meta.url).href;
    const { ThreadPool } = (await import(url)) as { ThreadPool?: ThreadPoolClass };
    if (typeof ThreadPool !== "function") throw new Error("src/exec/index.ts exports no ThreadPool");
    const pool = new ThreadPool({ module: TASKS_URL, minWorkers: THREADS, maxWorkers: THREADS });
    return { run: (name, arg) => pool.run(arg, { name }), close: () => pool.destroy() };
  },
};

const piscina: PoolFactory = {
  name: "Piscina",
  async create() {
    const pool = new Piscina({ filename: TASKS_URL.href, minThreads: THREADS, maxThreads: THREADS });
    return { run: (name, arg) => pool.run(arg, { name }) as Promise<unknown>, close: () => pool.destroy() };
  },
};

const tinypool: PoolFactory = {
  name: "Tinypool",
  async create() {
    const pool = new Tinypool({ filename: TASKS_URL.href, minThreads: THREADS, maxThreads: THREADS });
    return { run: (name, arg) => pool.run(arg, { name }) as Promise<unknown>, close: () => pool.destroy() };
  },
};

const workerpoolFactory: PoolFactory = {
  name: "workerpool",
  async create() {
    const pool = workerpool.pool(WORKERPOOL_SCRIPT, { minWorkers: THREADS, maxWorkers: THREADS, workerType: "thread" });
    return {
      run: (name, arg) => pool.exec(name, [arg]) as unknown as Promise<unknown>,
      close: async () => {
        await pool.terminate();
      },
    };
  },
};

/**
 * The floor: two bare workers, tasks dealt round-robin, one postMessage each way per task.
 * Not a usable pool (no queue limits, errors or cancellation); it shows what the
 * message-passing itself costs.
 */
const rawPostMessage: PoolFactory = {
  name: "raw postMessage (reference)",
  async create() {
    const pending = new Map<number, (value: unknown) => void>();
    const onMessage = ([id, result]: [number, unknown]): void => {
      const resolve = pending.get(id);
      pending.delete(id);
      resolve?.(result);
    };
    const workers = Array.from({ length: THREADS }, () => new Worker(RAW_WORKER_URL).on("message", onMessage));
    let nextId = 0;
    return {
      run(name, arg) {
        const id = nextId++;
        const promise = new Promise<unknown>((resolve) => pending.set(id, resolve));
        workers[id % THREADS].postMessage([id, name, arg]);
        return promise;
      },
      close: async () => {
        await Promise.all(workers.map((w) => w.terminate()));
      },
    };
  },
};

/** Every pool the exec bench compares, conveyor first. */
export const POOLS: readonly PoolFactory[] = [conveyor, piscina, tinypool, workerpoolFactory, rawPostMessage];
