/**
 * Creating tasks vs waiting on all of them (seed 002, "gather() vs create_task()"; the
 * first part is seed 004's "several tasks at once").
 *
 * Python:
 *     # seed 004
 *     task1 = asyncio.create_task(worker("A", 2)); task2 = asyncio.create_task(worker("B", 1))
 *     await task1; await task2            # A started, B started, B finished, A finished
 *     # seed 002
 *     async def task(n): await asyncio.sleep(n); return f"Task {n} done"
 *     task1 = asyncio.create_task(task(1)); task2 = asyncio.create_task(task(2))
 *     await task1; await task2            # wait for each one by hand
 *     results = await asyncio.gather(task(1), task(2)); print(results)
 *
 * In JavaScript, calling an async function already starts it (that is create_task), and
 * `Promise.all` is `asyncio.gather` (`Promise.allSettled` is `return_exceptions=True`).
 * Either way the tasks run concurrently: two tasks of 1 s and 2 s take 2 s, not 3 s.
 *
 * Run: npx tsx examples/gather-vs-tasks.ts
 */
import { setTimeout as sleep } from "node:timers/promises";

const SCALE = Number(process.env.CONVEYOR_SCALE) || 1;
const seconds = (s: number) => s * 1000 * SCALE;
/** Elapsed time since `start`, in the notes' seconds (scale undone), for printing. */
const notesSeconds = (start: number) => ((performance.now() - start) / 1000 / SCALE).toFixed(1);

async function worker(name: string, delay: number): Promise<void> {
  console.log(`${name} started`);
  await sleep(seconds(delay));
  console.log(`${name} finished`);
}

async function task(n: number): Promise<string> {
  await sleep(seconds(n));
  return `Task ${n} done`;
}

console.log("create_task: start now, await later");
let start = performance.now();
const taskA = worker("A", 2); // already running, like asyncio.create_task
const taskB = worker("B", 1);
await taskA;
await taskB;
console.log(`took ${notesSeconds(start)} s\n`);

console.log("create_task, then await each one");
start = performance.now();
const task1 = task(1);
const task2 = task(2);
console.log(await task1);
console.log(await task2);
console.log(`took ${notesSeconds(start)} s\n`);

console.log("gather: wait for all, collect the results");
start = performance.now();
const results = await Promise.all([task(1), task(2)]);
console.log(results);
console.log(`took ${notesSeconds(start)} s`);
