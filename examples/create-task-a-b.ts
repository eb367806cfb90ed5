/**
 * Several tasks at once (seed 004, "Запуск нескольких задач параллельно").
 * Python: examples/python/create-task-a-b.py.
 *
 *     async def worker(name, delay):
 *         print(f"{name} стартовал"); await asyncio.sleep(delay); print(f"{name} завершён")
 *     async def main():
 *         task1 = asyncio.create_task(worker("A", 2))
 *         task2 = asyncio.create_task(worker("B", 1))
 *         await task1
 *         await task2
 *
 * Calling an async function starts it at once, which is `asyncio.create_task`: both
 * workers start before the first `await`, B finishes after 1 s and A after 2 s, and the
 * whole run takes 2 s. One difference does not show here: `create_task` only schedules
 * the coroutine, which starts when `main` next waits, while the call runs the function
 * up to its first `await` right away; both print "A стартовал" then "B стартовал".
 *
 * Run: npx tsx examples/create-task-a-b.ts
 * Compare: python3 examples/python/create-task-a-b.py
 */
import { setTimeout as sleep } from "node:timers/promises";

const SCALE = Number(process.env.CONVEYOR_SCALE) || 1;
const seconds = (s: number) => s * 1000 * SCALE;

async function worker(name: string, delay: number): Promise<void> {
  console.log(`${name} стартовал`);
  await sleep(seconds(delay));
  console.log(`${name} завершён`);
}

async function main(): Promise<void> {
  const task1 = worker("A", 2); // already running, like asyncio.create_task
  const task2 = worker("B", 1);
  await task1;
  await task2;
}

await main();
