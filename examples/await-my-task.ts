/**
 * `await` on a coroutine (seed 002, "await"). Python: examples/python/await-my-task.py.
 *
 *     async def my_task():
 *         await asyncio.sleep(1)  # suspends for 1 second
 *         return "Done!"
 *     async def main():
 *         result = await my_task()  # waits for my_task to finish
 *         print(result)
 *     asyncio.run(main())
 *
 * `await` suspends `main` until `myTask()` settles and gives its return value: "Done!"
 * after 1 s. `asyncio.run(main())` is a top-level `await main()` in an ES module.
 *
 * Run: npx tsx examples/await-my-task.ts
 * Compare: python3 examples/python/await-my-task.py
 */
import { setTimeout as sleep } from "node:timers/promises";

const SCALE = Number(process.env.CONVEYOR_SCALE) || 1;
const seconds = (s: number) => s * 1000 * SCALE;

async function myTask(): Promise<string> {
  await sleep(seconds(1)); // suspends for 1 second
  return "Done!";
}

async function main(): Promise<void> {
  const result = await myTask(); // waits for myTask to finish
  console.log(result);
}

await main();
