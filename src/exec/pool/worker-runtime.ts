/**
 * The worker side of a pool, shared by threads and child processes.
 *
 * State machine: LOADING (importing the task module; messages wait in the port) →
 * SERVING (running tasks one at a time, in sequence order) → LEAVING (MSG_EXIT: the port
 * is closed, the worker exits once its event loop is empty, so timers a task left behind
 * still run and print) → gone. A load error or an uncaught error is reported as
 * MSG_FATAL, then the worker exits with code 1.
 *
 * Throughput: tasks arrive in batches (one message per batch) and run back to back.
 * A result that is not a number is posted before the next task starts, never held while
 * another runs: the pool ends a worker whose running task is aborted or crashes, and a
 * result still held would die with it. A number goes to the task's shared slot instead,
 * where it survives the worker; the next results message only acknowledges it. That
 * message is sent when the batch ends, before awaiting an async task, after 1 ms, or
 * before a task not known to be fast (a running average per task name), so a finished
 * task is not kept waiting behind a long one. No results message leaves while what the
 * tasks printed is still in the thread's stdio relay (worker-output.ts): a program that
 * ends on the result must still show every line printed before it.
 */
import { performance } from "node:perf_hooks";
import { installCriticalWord } from "../critical-section.ts";
import { runFunctionTask } from "./function-task.ts";
import { findTask, loadTaskModule } from "./load-task-module.ts";
import { outputFlushed, outputPending } from "./worker-output.ts";
import {
  MSG_EXIT,
  MSG_FATAL,
  MSG_READY,
  MSG_RESULTS,
  MSG_RUN,
  RESULT_OK,
  RESULT_THROWN,
  SLOT_DONE,
  SLOT_DONE_NUMBER,
  SLOT_PENDING,
  SLOT_RUNNING,
  slotViews,
  type ResultStatus,
  type ToWorker,
  type WorkerBootData,
} from "./protocol.ts";
import { serializeThrown } from "./serialize-error.ts";

/** How the runtime talks to its pool. */
export interface WorkerPort {
  post(message: unknown[]): void;
  onMessage(handler: (message: unknown[]) => void): void;
  /** Reports a fatal error and exits the worker. */
  die(message: unknown[]): void;
  /** Stops listening, so the worker exits once its event loop is empty (stdio flushed). */
  close(): void;
}


const FLUSH_AFTER_MS = 1;
/** Tasks averaging longer than this get the acknowledgements before them sent first. */
const FAST_TASK_MS = 0.1;

function describeUncloneable(error: unknown): unknown {
  return serializeThrown(
    new TypeError(`the task's result could not be sent back from the worker: ${(error as Error)?.message ?? error}`),
  );
}

/** Starts serving tasks described by `boot` over `port`. */
export async function startWorker(port: WorkerPort, boot: WorkerBootData): Promise<void> {
  process.on("uncaughtException", (error) => port.die([MSG_FATAL, serializeThrown(error)]));
  const window = boot.window;
  const views = boot.slots === null ? null : slotViews(boot.slots, window);
  // Before any task code runs, even a task module's top level.
  if (views !== null) installCriticalWord(views.critical);

  let call: (name: string, arg: unknown) => unknown;
  if (boot.module === null) {
    call = runFunctionTask;
  } else {
    let mod: Record<string, unknown>;
    try {
      mod = await loadTaskModule(boot.module, boot.tsxApi);
    } catch (error) {
      port.die([MSG_FATAL, serializeThrown(error)]);
      return;
    }
    const url = boot.module;
    const cache = new Map<string, (arg: unknown) => unknown>();
    call = (name, arg) => {
      let fn = cache.get(name);
      if (fn === undefined) cache.set(name, (fn = findTask(mod, name, url)));
      return fn(arg);
    };
  }

  const slots = views === null ? null : views.states;
  const numbers = views === null ? null : views.numbers;
  // Pending tasks as flat triples (seq, name, arg) from `head` on.
  let backlog: unknown[] = [];
  let head = 0;
  let draining = false;
  let out: unknown[] = [MSG_RESULTS, 0];
  let doneSeq = 0;
  let reportedSeq = 0;
  let reportedAt = 0;
  const averageMs = new Map<string, number>();

  function flush(): void {
    if (out.length === 2 && doneSeq === reportedSeq) return;
    out[1] = doneSeq;
    reportedSeq = doneSeq;
    reportedAt = performance.now();
    const message = out;
    out = [MSG_RESULTS, 0];
    try {
      port.post(message);
    } catch {
      // One result could not be cloned: send them one by one, replacing the culprits.
      for (let i = 2; i < message.length; i += 3) {
        const one = [MSG_RESULTS, doneSeq, message[i], message[i + 1], message[i + 2]];
        try {
          port.post(one);
        } catch (error) {
          port.post([MSG_RESULTS, doneSeq, message[i], RESULT_THROWN, describeUncloneable(error)]);
        }
      }
    }
  }

  async function drain(): Promise<void> {
    draining = true;
    while (head < backlog.length) {
      const seq = backlog[head] as number;
      const name = backlog[head + 1] as string;
      const arg = backlog[head + 2];
      backlog[head + 1] = backlog[head + 2] = undefined;
      head += 3;
      const slot = seq % window;
      // No finished result may wait here while another task runs: if that task is aborted
      // or crashes, the pool ends this worker, and a held result would die with it.
      const average = averageMs.get(name);
      // Numbers are safe in shared memory; reporting them only keeps their callers from waiting.
      const due =
        out.length > 2 ||
        (doneSeq !== reportedSeq && (average === undefined || average > FAST_TASK_MS || performance.now() - reportedAt >= FLUSH_AFTER_MS));
      if (due) {
        if (outputPending()) await outputFlushed();
        flush();
      }
      if (slots !== null && Atomics.compareExchange(slots, slot, SLOT_PENDING, SLOT_RUNNING) !== SLOT_PENDING) {
        doneSeq = seq + 1; // cancelled or stolen by the pool before it started
        continue;
      }
      const startedAt = performance.now();
      let status: ResultStatus = RESULT_OK;
      let value: unknown;
      try {
        value = call(name, arg);
        if (value !== null && typeof (value as PromiseLike<unknown>)?.then === "function") {
          if (outputPending() && (out.length > 2 || doneSeq !== reportedSeq)) await outputFlushed();
          flush();
          value = await (value as PromiseLike<unknown>);
        }
      } catch (error) {
        status = RESULT_THROWN;
        value = serializeThrown(error);
      }
      if (slots !== null && status === RESULT_OK && typeof value === "number") {
        // A number goes straight to shared memory: nothing to post before the next task,
        // and the pool can read it even if this worker dies.
        numbers![slot] = value;
        Atomics.store(slots, slot, SLOT_DONE_NUMBER);
      } else {
        if (slots !== null) Atomics.store(slots, slot, SLOT_DONE);
        out.push(seq, status, value);
      }
      doneSeq = seq + 1;
      const took = performance.now() - startedAt;
      averageMs.set(name, average === undefined ? took : average * 0.75 + took * 0.25);
    }
    // What the batch printed reaches the main thread before its results do. Tasks that
    // arrive meanwhile join this drain (`draining` is still set).
    if (outputPending()) {
      await outputFlushed();
      if (head < backlog.length) return drain();
    }
    backlog = [];
    head = 0;
    flush();
    draining = false;
  }

  port.onMessage((message) => {
    if (!Array.isArray(message)) return; // a task's own use of the port: not ours
    const kind = message[0] as ToWorker;
    switch (kind) {
      case MSG_RUN: {
        const first = message[1] as number;
        for (let i = 2, seq = first; i < message.length; i += 2, seq++) backlog.push(seq, message[i], message[i + 1]);
        if (!draining) void drain();
        break;
      }
      case MSG_EXIT:
        port.close();
        break;
      default: {
        const other: never = kind; // exhaustive; anything else is ignored
        void other;
      }
    }
  });
  port.post([MSG_READY]);
}
