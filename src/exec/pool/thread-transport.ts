/**
 * Workers as `worker_threads`. The worker starts from a tiny bootstrap evaluated in the
 * thread, which imports the real entry (thread-entry.ts/.js). Node 20 does not run
 * the parent's `--import` hooks in worker threads, so when the entry is TypeScript (we run
 * from source) and fails with ERR_UNKNOWN_FILE_EXTENSION (or, on Node 22/24, with a type-
 * stripping error for syntax Node cannot strip), the bootstrap registers tsx in
 * the thread and imports the entry again (under a fresh URL: a failed import is cached).
 */
import { Worker } from "node:worker_threads";
import { CODE_FLAG, EXIT_GRACE_MS, inheritedExecArgv, type TransportKind } from "./transport.ts";
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

let parentFlags: { argv: string[] | undefined } | undefined;

/**
 * The thread's node flags: Node passes the parent's on by itself (undefined), unless they
 * carry the parent's own code (`-e`, `-p`, `--input-type`). `--input-type=module` would
 * make the thread evaluate the bootstrap as a module, which also runs the parent's
 * `--import` preloads there (tsx: +300 ms per thread); so those are dropped.
 */
function threadExecArgv(): string[] | undefined {
  if (parentFlags === undefined) {
    const argv = process.execArgv;
    const carriesCode = argv.some((flag) => flag === "-e" || flag === "-p" || CODE_FLAG.test(flag));
    parentFlags = { argv: carriesCode ? inheritedExecArgv(argv, CODE_FLAG) : undefined };
  }
  return parentFlags.argv;
}

/** The `worker_threads` transport: pipelined windows over shared slots. */
export const threadTransport: TransportKind = {
  window: THREAD_WINDOW,
  sharedSlots: true,
  entryName: "thread-entry",
  start(boot, config, events) {
    const options = { eval: true, workerData: boot, resourceLimits: config.resourceLimits };
    const execArgv = config.execArgv ?? threadExecArgv();
    let worker: Worker;
    try {
      worker = new Worker(BOOTSTRAP, execArgv === undefined ? options : { ...options, execArgv });
    } catch (error) {
      // Ours, not the user's: some parent flag (a V8 or process-wide one) may only be
      // inherited, never passed. Inherit them all, then; the bootstrap copes with them.
      if (config.execArgv !== undefined || execArgv === undefined || (error as { code?: unknown }).code !== "ERR_WORKER_INVALID_EXEC_ARGV") {
        throw error;
      }
      worker = new Worker(BOOTSTRAP, options);
    }
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
