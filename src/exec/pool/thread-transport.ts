/**
 * Workers as `worker_threads`. The worker starts from a tiny bootstrap evaluated in the
 * thread, which imports the real entry (thread-entry.ts/.js). Node 20 does not run
 * the parent's `--import` hooks in worker threads, so when the entry is TypeScript (we run
 * from source) and fails with ERR_UNKNOWN_FILE_EXTENSION (or, on Node 22/24, with a type-
 * stripping error for syntax Node cannot strip), the bootstrap registers tsx in
 * the thread and imports the entry again (under a fresh URL: a failed import is cached).
 */
import { Worker } from "node:worker_threads";
import { EXIT_GRACE_MS, type TransportKind } from "./transport.ts";
import { MSG_EXIT, THREAD_WINDOW } from "./protocol.ts";

// Valid both as a CommonJS script and as an ES module: a parent started with
// `--input-type=module` (code from -e or stdin) makes the thread evaluate it as a module.
const BOOTSTRAP = `
import("node:worker_threads").then(async ({ workerData }) => {
  const entry = workerData.entry;
  try {
    await import(entry);
  } catch (error) {
    const ts = /\\.[cm]?tsx?$/.test(new URL(entry).pathname);
    // Node 20 knows no .ts; Node 22/24 strip types themselves but refuse some syntax.
    const needsTsx = ["ERR_UNKNOWN_FILE_EXTENSION", "ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX",
      "ERR_INVALID_TYPESCRIPT_SYNTAX", "ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING"];
    // A SyntaxError from a stripped .ts file may be syntax tsx downlevels (Node 22 has no "using").
    if (!error || !(needsTsx.includes(error.code) || error.name === "SyntaxError") || !ts) throw error;
    if (!workerData.tsxApi) {
      throw new Error("conveyor: cannot load " + entry + " in a worker thread: no TypeScript loader is active there; install tsx (npm i -D tsx) or run the compiled JavaScript");
    }
    (await import(workerData.tsxApi)).register();
    globalThis.__conveyorTsxRegistered = true;
    await import(entry + "?tsx");
  }
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
      terminate(force) {
        if (force) {
          void worker.terminate();
          return;
        }
        // Graceful: let the thread end by itself, so what it printed is flushed (a
        // terminated thread's queued console output is lost); terminate if it lingers.
        worker.postMessage([MSG_EXIT]);
        const fallback = setTimeout(() => void worker.terminate(), EXIT_GRACE_MS);
        fallback.unref();
        worker.once("exit", () => clearTimeout(fallback));
      },
    };
  },
};
