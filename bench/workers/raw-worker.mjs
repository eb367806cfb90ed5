// The floor for a pool: a bare worker that answers [id, arg] messages with [id, result].
// No queue, no cancellation, no error handling — just one postMessage each way per task.
import { parentPort } from "node:worker_threads";
import { add, fib } from "./tasks.mjs";

const tasks = { add, fib };
parentPort.on("message", ([id, name, arg]) => {
  parentPort.postMessage([id, tasks[name](arg)]);
});
