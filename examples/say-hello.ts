/**
 * A coroutine that awaits another (seed 003 §3, "Как использовать async и await в
 * Python?"). Python: examples/python/say-hello.py.
 *
 *     async def say_hello():
 *         await asyncio.sleep(1) # an asynchronous operation
 *         print("Hello, world!")
 *     async def main():
 *         await say_hello()
 *     asyncio.run(main())
 *
 * Prints "Hello, world!" after 1 s. `asyncio.run(main())`, which starts the event loop,
 * is a top-level `await main()`: Node's event loop is already running.
 *
 * Run: npx tsx examples/say-hello.ts
 * Compare: python3 examples/python/say-hello.py
 */
import { setTimeout as sleep } from "node:timers/promises";

const SCALE = Number(process.env.CONVEYOR_SCALE) || 1;
const seconds = (s: number) => s * 1000 * SCALE;

async function sayHello(): Promise<void> {
  await sleep(seconds(1)); // an asynchronous operation
  console.log("Hello, world!");
}

async function main(): Promise<void> {
  await sayHello();
}

await main();
