#!/usr/bin/env node
/**
 * Entry point of the `conveyor` bin: hand the arguments to the program, nothing else.
 *
 * When the reader of stdout goes away (`conveyor demo | head -3`), writing fails with
 * EPIPE. Like any Unix tool killed by SIGPIPE there is no one left to tell, so the
 * program stops at once, quietly and successfully; workers die with the process.
 */
import { createProgram } from "./program.ts";

process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code === "EPIPE") process.exit(0);
  throw err;
});

await createProgram().parseAsync(process.argv);
