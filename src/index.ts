/**
 * conveyor: asynchronous producer/consumer work for Node.js.
 *
 * The root entry is the core layer (in-process primitives, no dependencies). Executors
 * live in `conveyor/exec`.
 */
export * from "./core/index.ts";
