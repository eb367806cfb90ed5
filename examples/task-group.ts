/**
 * The TaskGroup example of the notes (seed 002, "how to use TaskGroup()").
 *
 * Python:
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
 * When task 2 fails, the group cancels its siblings (task 3 is still sleeping), waits for
 * them, and rejects with an AggregateError holding the failures: Python's ExceptionGroup.
 * The notes print "Error: Error in task 2"; real Python would print the group's summary,
 * so like `except* ValueError` we print the errors inside the group. Cancellation arrives
 * as the task's AbortSignal; the line "Task 3 cancelled" (not in the notes) shows it.
 *
 * Expected output:
 *     Task 3 cancelled
 *     Error: Error in task 2
 *
 * Run: npx tsx examples/task-group.ts
 */
import { setTimeout as sleep } from "node:timers/promises";
import { TaskGroup } from "../src/index.ts";

const SCALE = Number(process.env.CONVEYOR_SCALE) || 1;
const seconds = (s: number) => s * 1000 * SCALE;

async function task(n: number, signal: AbortSignal): Promise<string> {
  try {
    await sleep(seconds(n), undefined, { signal });
  } catch (err) {
    if (signal.aborted) console.log(`Task ${n} cancelled`);
    throw err;
  }
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
  const errors = err instanceof AggregateError ? (err.errors as unknown[]) : [err];
  console.log(`Error: ${errors.map((e) => (e instanceof Error ? e.message : String(e))).join("; ")}`);
}
