/**
 * A coroutine awaited twice, one call after the other (seed 004, "Пример коррутины и
 * использования async/await"). Python: examples/python/say-hello-twice.py.
 *
 *     async def say_hello():
 *         print("Привет!")
 *         await asyncio.sleep(1)
 *         print("Прошла секунда")
 *     async def main():
 *         await say_hello()
 *         await say_hello()
 *
 * Each `await` waits for the call to finish before the next starts: "Привет!" at 0 s
 * and 1 s, "Прошла секунда" at 1 s and 2 s.
 *
 * Run: npx tsx examples/say-hello-twice.ts
 * Compare: python3 examples/python/say-hello-twice.py
 */
import { setTimeout as sleep } from "node:timers/promises";

const SCALE = Number(process.env.CONVEYOR_SCALE) || 1;
const seconds = (s: number) => s * 1000 * SCALE;

async function sayHello(): Promise<void> {
  console.log("Привет!");
  await sleep(seconds(1));
  console.log("Прошла секунда");
}

async function main(): Promise<void> {
  await sayHello();
  await sayHello();
}

await main();
