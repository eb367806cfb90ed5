/**
 * Blocking code without blocking the event loop, 3: a `ThreadPoolExecutor` of your own
 * (seed 002). Python: examples/python/thread-pool-executor.py.
 *
 *     def blocking_task():
 *         time.sleep(2)  # blocking code
 *         return "Done"
 *     async def main():
 *         with ThreadPoolExecutor() as pool:
 *             result = await asyncio.get_event_loop().run_in_executor(pool, blocking_task)
 *             print(result)
 *
 * `ThreadPoolExecutor()` is a `ThreadPool` over a task module (its threads call the
 * module's exports by name: here `blockingTask` of examples/workers/tasks.ts), and
 * `await using` is the `with` block: the pool is closed, its threads ended, when the
 * block ends. `run_in_executor(pool, fn)` is `pool.run(arg, { name })`.
 *
 * The pool's thread is booted with a zero-length task before the example's clock starts
 * (`startClock`, examples/lib/clock.ts): a Python thread starts in microseconds, a Node
 * worker thread boots a V8 isolate first.
 *
 * Run: npx tsx examples/thread-pool-executor.ts   (CONVEYOR_SCALE=0.1 for a faster run)
 * Compare: python3 examples/python/thread-pool-executor.py
 */
import { ThreadPool } from "../src/exec/index.ts";
import { startClock } from "./lib/clock.ts";

const SCALE = Number(process.env.CONVEYOR_SCALE) || 1;
const seconds = (s: number) => s * 1000 * SCALE;

async function main(): Promise<void> {
  await using pool = new ThreadPool({ module: new URL("./workers/tasks.ts", import.meta.url) });
  await pool.run(0, { name: "blockingTask" }); // boots the pool's thread
  startClock();
  const result = await pool.run<string>(seconds(2), { name: "blockingTask" });
  console.log(result);
}

await main();
