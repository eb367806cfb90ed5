/**
 * Where an example's time starts, for the test that compares it with its Python.
 *
 * test/examples/ times every line an example prints and compares the times with the
 * Python's (examples/<name>.expected.txt). Its clock starts just before the example is
 * imported. A Python thread starts in microseconds; a Node worker thread boots a fresh V8
 * isolate and loads its modules first, which takes a good part of a second. So the
 * examples with threads boot them before they print anything and then call
 * `startClock()`: their time, like Python's, starts with the threads ready.
 *
 * Run by hand, this does nothing (CONVEYOR_CLOCK_FD is the test's pipe for it).
 */
import { writeSync } from "node:fs";

/**
 * Tells the test harness, if there is one, that the example's time starts now.
 *
 * @example
 * await pool.run(undefined, { name: "ready" }); // the thread is up
 * startClock();
 */
export function startClock(): void {
  const fd = process.env.CONVEYOR_CLOCK_FD;
  if (fd !== undefined && fd !== "") writeSync(Number(fd), "start\n");
}
