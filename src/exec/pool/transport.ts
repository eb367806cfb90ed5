/**
 * What the pool needs from "a worker", whatever it runs on: send a message, hear its
 * messages, errors and exit, keep it from (or let it stop) holding the process open, and
 * end it. `thread-transport.ts` and `process-transport.ts` implement it.
 */
import type { TransferListItem } from "node:worker_threads";
import type { ChildProcess } from "node:child_process";
import type { Worker } from "node:worker_threads";
import type { PoolConfig } from "./options.ts";
import type { WorkerBootData } from "./protocol.ts";

export interface TransportEvents {
  onMessage(message: unknown[]): void;
  /** An error the runtime reported about the worker (uncaught error, out of memory). */
  onError(error: unknown): void;
  onExit(exitCode: number | null, signal: NodeJS.Signals | null): void;
}

export interface WorkerTransport {
  /** Sends a message; throws synchronously when it cannot be cloned. */
  send(message: unknown[], transfer: TransferListItem[] | undefined): void;
  /** Keep the process alive while this worker is busy. */
  ref(): void;
  /** Let the process exit while this worker is idle. */
  unref(): void;
  /** Ends the worker; `force` skips any grace period. `onExit` follows. */
  terminate(force: boolean): void;
  readonly handle: Worker | ChildProcess;
}

export interface TransportKind {
  /** Tasks a worker may hold at once; > 1 needs shared slots. */
  readonly window: number;
  readonly sharedSlots: boolean;
  /** The entry module's base name, without extension. */
  readonly entryName: string;
  start(boot: WorkerBootData, config: PoolConfig, events: TransportEvents): WorkerTransport;
}

/**
 * How long a worker asked to exit on its own (close, idle) may take before it is ended
 * by force: a task may have left a timer or a socket behind.
 */
export const EXIT_GRACE_MS = 1000;

/** Flags no worker wants: the test runner, inspector, watch mode, profilers, and the parent's own code. */
const DROPPED_FLAG = /^--(test|inspect|debug|watch|eval|print|input-type|experimental-test|cpu-prof|heap-prof|prof)/;
/** The parent's own code (-e, -p, --input-type): what a thread, which inherits the rest, must not get. */
export const CODE_FLAG = /^--(eval|print|input-type)/;

/**
 * The parent's node flags that make sense for a worker: loaders (`--import tsx`),
 * conditions and warnings stay; the flags `dropped` matches go (by default test-runner,
 * inspector, watch, profiler and eval flags), with their values.
 */
export function inheritedExecArgv(execArgv: readonly string[] = process.execArgv, dropped: RegExp = DROPPED_FLAG): string[] {
  const out: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const flag = execArgv[i];
    if (flag === "-e" || flag === "-p") {
      i++;
      continue;
    }
    if (dropped.test(flag)) {
      // A flag given as `--flag value` takes its value along.
      const next = execArgv[i + 1];
      if (!flag.includes("=") && next !== undefined && !next.startsWith("-") && CODE_FLAG.test(flag)) i++;
      continue;
    }
    out.push(flag);
  }
  return out;
}

/** `file:` URL of a module resolved from here, or null when it is not installed. */
export function resolveOptional(specifier: string): string | null {
  try {
    return import.meta.resolve(specifier);
  } catch {
    return null;
  }
}
