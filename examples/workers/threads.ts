/**
 * Thread bodies for examples/threading-vs-asyncio.ts and examples/threads-two-tasks.ts:
 * the `target=` functions of the notes' `threading.Thread`s, as a task module whose
 * exports a `ThreadPool` calls by name. They block the way Python threads do (a
 * blocking sleep) and print straight to stdout, so each line comes out when it happens.
 */
import { blockingSleep, print } from "../lib/blocking.ts";

/**
 * Returns at once: the main thread calls it to know a thread is up.
 *
 * @example
 * await pool.run(undefined, { name: "ready" });
 */
export function ready(): true {
  return true;
}

/**
 * Seed 002's threading `task()`: prints one line.
 *
 * @example
 * await pool.run(undefined, { name: "threadingTask" });
 */
export function threadingTask(): void {
  print("Threading task");
}

/**
 * Seed 003's `task1()`: "Start task1", 2 s of blocking sleep, "End task1".
 *
 * @example
 * await pool.run(1, { name: "task1" }); // scale 1: the notes' seconds
 */
export function task1(scale: number): void {
  print("Start task1");
  blockingSleep(2 * 1000 * scale); // stands for I/O
  print("End task1");
}

/**
 * Seed 003's `task2()`: "Start task2", 1 s of blocking sleep, "End task2".
 *
 * @example
 * await pool.run(1, { name: "task2" });
 */
export function task2(scale: number): void {
  print("Start task2");
  blockingSleep(1 * 1000 * scale); // stands for I/O
  print("End task2");
}
