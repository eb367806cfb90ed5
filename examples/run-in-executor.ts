/**
 * Blocking code without blocking the event loop, 2: `loop.run_in_executor(None, ...)`
 * (seed 002). Python: examples/python/run-in-executor.py.
 *
 *     def blocking_task():
 *         time.sleep(2)  # blocking code
 *         return "Done"
 *     async def main():
 *         loop = asyncio.get_event_loop()
 *         result = await loop.run_in_executor(None, blocking_task)
 *         print(result)
 *
 * `None` is the loop's default executor, a ThreadPoolExecutor shared by the whole
 * program; `asyncio.to_thread(fn)` is that same call (plus the caller's context vars).
 * Node has no loop object to ask: the default executor is conveyor's shared thread pool,
 * and `toThread` submits to it, so this twin is examples/to-thread.ts again. To use a
 * pool of your own, see examples/thread-pool-executor.ts.
 *
 * The pool's thread is booted by a first, empty call before the example's clock starts
 * (`startClock`, examples/lib/clock.ts): a Python thread starts in microseconds, a Node
 * worker thread boots a V8 isolate first.
 *
 * Run: npx tsx examples/run-in-executor.ts   (CONVEYOR_SCALE=0.1 for a faster run)
 * Compare: python3 examples/python/run-in-executor.py
 */
import { toThread } from "../src/exec/index.ts";
import { startClock } from "./lib/clock.ts";

const SCALE = Number(process.env.CONVEYOR_SCALE) || 1;
const seconds = (s: number) => s * 1000 * SCALE;

/** `blocking_task`: `time.sleep(2)` is a blocking sleep (of `ms`), then "Done". */
function blockingTask(ms: number): string {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  return "Done";
}

await toThread(blockingTask, 0); // boots the default executor's thread
startClock();

async function main(): Promise<void> {
  const result = await toThread(blockingTask, seconds(2)); // run_in_executor(None, ...)
  console.log(result);
}

await main();
