/**
 * Runs one example for examples.test.ts: `node --import tsx test/examples/run-twin.ts
 * examples/<name>.ts`, with CONVEYOR_CLOCK_FD naming a pipe the test reads.
 *
 * The clock starts ("start" on that pipe) when the example's first statement runs:
 * clock-hook.mjs puts a call in front of its code. So Node's and tsx's start-up and the
 * loading of the example and of conveyor (a good part of a second on a busy machine,
 * many of the notes' seconds at a small CONVEYOR_SCALE) do not count, just as the Python
 * capture starts its clock after importing asyncio. An example may restart the clock
 * (`startClock` in examples/lib/clock.ts) once its worker threads are up. When the
 * process ends, "exit <code>" goes to the pipe, before Node's own teardown.
 */
import { writeSync } from "node:fs";
import { register } from "node:module";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const example = process.argv[2];
const fd = Number(process.env.CONVEYOR_CLOCK_FD);
if (example === undefined || !Number.isInteger(fd)) {
  throw new TypeError("usage: CONVEYOR_CLOCK_FD=<fd> node --import tsx test/examples/run-twin.ts <example.ts>");
}

// Creating process.stdout (a pipe here) takes milliseconds; do it before the clock starts,
// as Python has sys.stdout ready before the first print.
void process.stdout.writable;
const url = pathToFileURL(resolve(example)).href;
const clock = globalThis as unknown as Record<symbol, () => void>;
clock[Symbol.for("conveyor.examples.startClock")] = () => writeSync(fd, "start\n");
register("./clock-hook.mjs", import.meta.url, { data: { example: url } });
process.on("exit", (code) => writeSync(fd, `exit ${code}\n`));
await import(url);
