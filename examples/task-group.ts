/**
 * The TaskGroup example of the notes (seed 002, "как использовать TaskGroup()").
 * Python: examples/python/task-group.py.
 *
 *     async def task(n):
 *         await asyncio.sleep(n)
 *         if n == 2: raise ValueError("Error in task 2")
 *         return f"Task {n} done"
 *     try:
 *         async with asyncio.TaskGroup() as tg:
 *             tg.create_task(task(1)); tg.create_task(task(2)); tg.create_task(task(3))
 *         print("All tasks completed successfully")
 *     except Exception as e:
 *         print(f"Error: {e}")
 *
 * When task 2 fails at 2 s, the group cancels its siblings (task 3 is still sleeping;
 * task 1 had finished), waits for them, and raises an ExceptionGroup; here it rejects
 * with an AggregateError holding the failures, with the same message. Cancellation comes
 * as the task's AbortSignal, which the sleep takes.
 *
 * The notes say the output is "Error: Error in task 2", but Python 3.11 and later print
 * the group, not the error inside it:
 *     Error: unhandled errors in a TaskGroup (1 sub-exception)
 * That is what this prints too, at 2 s. The notes' line is what `except* ValueError as
 * eg: print(f"Error: {eg.exceptions[0]}")` prints; here, `err.errors[0].message`.
 *
 * Run: npx tsx examples/task-group.ts
 * Compare: python3 examples/python/task-group.py
 */
import { setTimeout as sleep } from "node:timers/promises";
import { TaskGroup } from "../src/index.ts";

const SCALE = Number(process.env.CONVEYOR_SCALE) || 1;
const seconds = (s: number) => s * 1000 * SCALE;

async function task(n: number, signal: AbortSignal): Promise<string> {
  await sleep(seconds(n), undefined, { signal });
  if (n === 2) throw new Error("Error in task 2");
  return `Task ${n} done`;
}

try {
  await TaskGroup.run((tg) => {
    tg.createTask((signal) => task(1, signal));
    tg.createTask((signal) => task(2, signal));
    tg.createTask((signal) => task(3, signal));
  });
  console.log("All tasks completed successfully");
} catch (err) {
  console.log(`Error: ${err instanceof Error ? err.message : String(err)}`);
}
