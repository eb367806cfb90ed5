/**
 * Two coroutines that overlap on one thread (seed 003 §2, "Asyncio (Асинхронность)").
 * Python: examples/python/asyncio-two-tasks.py.
 *
 *     async def task1():
 *         print("Start task1"); await asyncio.sleep(2); print("End task1")
 *     async def task2():
 *         print("Start task2"); await asyncio.sleep(1); print("End task2")
 *     async def main():
 *         await asyncio.gather(task1(), task2())
 *
 * Both start at once; while one waits the other runs: task2 ends after 1 s, task1
 * after 2 s, and the whole run takes 2 s, not 3. `Promise.all` is `asyncio.gather`.
 * The threaded version of the same is examples/threads-two-tasks.ts.
 *
 * Run: npx tsx examples/asyncio-two-tasks.ts
 * Compare: python3 examples/python/asyncio-two-tasks.py
 */
import { setTimeout as sleep } from "node:timers/promises";

const SCALE = Number(process.env.CONVEYOR_SCALE) || 1;
const seconds = (s: number) => s * 1000 * SCALE;

async function task1(): Promise<void> {
  console.log("Start task1");
  await sleep(seconds(2)); // stands for I/O
  console.log("End task1");
}

async function task2(): Promise<void> {
  console.log("Start task2");
  await sleep(seconds(1)); // stands for I/O
  console.log("End task2");
}

async function main(): Promise<void> {
  await Promise.all([task1(), task2()]);
}

await main();
