/**
 * `gather()` vs `create_task()` (seed 002, "Основные отличия gather() и create_task()").
 * Python: examples/python/gather-vs-tasks.py.
 *
 *     async def task(n):
 *         await asyncio.sleep(n)
 *         return f"Task {n} done"
 *     async def main():
 *         task1 = asyncio.create_task(task(1)); task2 = asyncio.create_task(task(2))
 *         await task1; await task2             # wait for each one by hand: 2 s
 *         results = await asyncio.gather(task(1), task(2))   # 2 s more
 *         print(results)                       # ['Task 1 done', 'Task 2 done'] at 4 s
 *
 * In JavaScript, calling an async function already starts it (that is `create_task`),
 * and `Promise.all` is `asyncio.gather` (`Promise.allSettled` is `return_exceptions=True`).
 * Either way the tasks run concurrently: 1 s and 2 s take 2 s, not 3 s, so the only line
 * comes after 4 s. `print(results)` prints Python's list repr; Node's `console.log` of an
 * array would print `[ 'Task 1 done', 'Task 2 done' ]`, so `pythonList` writes it the
 * Python way.
 *
 * Run: npx tsx examples/gather-vs-tasks.ts
 * Compare: python3 examples/python/gather-vs-tasks.py
 */
import { setTimeout as sleep } from "node:timers/promises";

const SCALE = Number(process.env.CONVEYOR_SCALE) || 1;
const seconds = (s: number) => s * 1000 * SCALE;

/** `str(list_of_str)` for strings without quotes or backslashes, as these are. */
const pythonList = (items: string[]) => `[${items.map((s) => `'${s}'`).join(", ")}]`;

async function task(n: number): Promise<string> {
  await sleep(seconds(n));
  return `Task ${n} done`;
}

async function main(): Promise<void> {
  // create_task
  const task1 = task(1);
  const task2 = task(2);
  await task1; // wait for each one by hand
  await task2;

  // gather
  const results = await Promise.all([task(1), task(2)]);
  console.log(pythonList(results));
}

await main();
