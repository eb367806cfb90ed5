/**
 * Workers as `worker_threads`. The worker starts from a tiny CommonJS bootstrap evaluated
 * in the thread, which imports the real entry (thread-entry.ts/.js). Node 20 does not run
 * the parent's `--import` hooks in worker threads, so when the entry is TypeScript (we run
 * from source) and fails with ERR_UNKNOWN_FILE_EXTENSION, the bootstrap registers tsx in
 * the thread and imports the entry again (under a fresh URL: a failed import is cached).
 */
import { Worker } from "node:worker_threads";
import type { TransportKind } from "./transport.ts";
import { THREAD_WINDOW } from "./protocol.ts";

const BOOTSTRAP = `
const { workerData } = require("node:worker_threads");
const entry = workerData.entry;
import(entry).catch(async (error) => {
  const ts = /\\.[cm]?tsx?$/.test(new URL(entry).pathname);
  if (!error || error.code !== "ERR_UNKNOWN_FILE_EXTENSION" || !ts) throw error;
  if (!workerData.tsxApi) {
    throw new Error("conveyor: cannot load " + entry + " in a worker thread: no TypeScript loader is active there; install tsx (npm i -D tsx) or run the compiled JavaScript");
  }
  (await import(workerData.tsxApi)).register();
  globalThis.__conveyorTsxRegistered = true;
  await import(entry + "?tsx");
});
`;

/** The `worker_threads` transport: pipelined windows over shared slots. */
export const threadTransport: TransportKind = {
  window: THREAD_WINDOW,
  sharedSlots: true,
  entryName: "thread-entry",
  start(boot, config, events) {
    const worker = new Worker(BOOTSTRAP, {
      eval: true,
      workerData: boot,
      resourceLimits: config.resourceLimits,
      ...(config.execArgv === undefined ? {} : { execArgv: config.execArgv }),
    });
    worker.on("message", (message: unknown[]) => events.onMessage(message));
    worker.on("error", (error) => events.onError(error));
    worker.on("exit", (code) => events.onExit(code, null));
    return {
      handle: worker,
      send(message, transfer) {
        worker.postMessage(message, transfer);
      },
      ref() {
        worker.ref();
      },
      unref() {
        worker.unref();
      },
      terminate() {
        void worker.terminate();
      },
    };
  },
};
