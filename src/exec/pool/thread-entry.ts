/**
 * Entry of a pool's worker thread (imported by the bootstrap in thread-transport.ts).
 */
import { parentPort, workerData } from "node:worker_threads";
import type { WorkerBootData } from "./protocol.ts";
import { startWorker } from "./worker-runtime.ts";

const port = parentPort!;

void startWorker(
  {
    post: (message) => port.postMessage(message),
    onMessage: (handler) => port.on("message", handler),
    close: () => port.close(),
    die(message) {
      try {
        port.postMessage(message);
      } finally {
        process.exit(1);
      }
    },
  },
  workerData as WorkerBootData,
);
