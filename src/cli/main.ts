#!/usr/bin/env node
/**
 * Entry point of the `conveyor` bin: hand the arguments to the program, nothing else.
 */
import { createProgram } from "./program.ts";

await createProgram().parseAsync(process.argv);
