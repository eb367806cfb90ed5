/**
 * Blocking code without blocking the event loop (seed 002: `asyncio.to_thread`,
 * `loop.run_in_executor`, `ThreadPoolExecutor`).
 *
 * Python:
 *     def blocking_task():
 *         time.sleep(2)  # blocking code
 *         return "Done"
 *
 *     result = await asyncio.to_thread(blocking_task)                      # 1.
 *     result = await loop.run_in_executor(None, blocking_task)             # 2.
 *     with ThreadPoolExecutor() as pool:                                   # 3.
 *         result = await loop.run_in_executor(pool, blocking_task)
 *
 * 1. `toThread(fn, ...args)` is `asyncio.to_thread`: `fn` runs on a thread of a shared
 *    pool. It travels as source text, so it must be self-contained (it sees only its
 *    arguments): the sleep's length is passed in, not read from outside.
 * 2. `loop.run_in_executor(None, ...)` uses the same default pool, so in Node it is
 *    `toThread` too. What it buys: the event loop stays free while the task blocks its
 *    thread; a timer keeps ticking meanwhile, and here it counts.
 * 3. `ThreadPoolExecutor` is a `ThreadPool` of your own over a task module, and
 *    `await using` is the `with` block: the pool is closed at the end of the scope.
 *
 * Run: npx tsx examples/to-thread.ts   (CONVEYOR_SCALE=0.1 for a faster run)
 */
import { setInterval as every } from "node:timers/promises";
import { ThreadPool, toThread } from "../src/exec/index.ts";

const SCALE = Number(process.env.CONVEYOR_SCALE) || 1;
const seconds = (s: number) => s * 1000 * SCALE;

/** `blocking_task`: `time.sleep(2)` is a blocking sleep (of `ms`), then "Done". */
function blockingTask(ms: number): string {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  return "Done";
}

console.log("1. toThread — asyncio.to_thread()");
console.log(await toThread(blockingTask, seconds(2)));

console.log("\n2. The default executor — loop.run_in_executor(None, ...)");
const ticker = new AbortController();
let ticks = 0;
const ticking = (async () => {
  try {
    for await (const _ of every(seconds(0.1), undefined, { signal: ticker.signal })) ticks++;
  } catch (err) {
    if (!ticker.signal.aborted) throw err;
  }
})();
console.log(await toThread(blockingTask, seconds(2)));
ticker.abort();
await ticking;
console.log(`(the event loop stayed free: a 0.1 s timer ticked ${ticks} times meanwhile)`);

console.log("\n3. An explicit pool — ThreadPoolExecutor()");
{
  await using pool = new ThreadPool({ module: new URL("./workers/tasks.ts", import.meta.url) });
  console.log(await pool.run(seconds(2), { name: "blockingTask" }));
}
