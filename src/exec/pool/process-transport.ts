/**
 * Workers as child processes (`child_process.fork` of process-entry.ts/.js) with the
 * "advanced" (structured clone) serialization, so tasks take the same values as threads.
 *
 * Messages sent before the child is READY are held here: a child drops IPC messages that
 * arrive before its entry module has attached a listener. There is no shared memory, so
 * the window is one task: an in-flight task is always treated as running.
 *
 * Child processes take the parent's loader flags (`--import tsx`) through `execArgv`; when
 * the entry is TypeScript and no tsx flag is present, `--import tsx` is added.
 *
 * Ending a child: by force (replace, destroy) with SIGKILL; otherwise (idle, close) as a
 * thread is ended, with MSG_EXIT: it disconnects and exits once its event loop is empty,
 * so what a task's leftover timer prints is written; SIGTERM after EXIT_GRACE_MS, SIGKILL
 * after KILL_GRACE_MS more.
 */
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { serialize } from "node:v8";
import type { TransportKind } from "./transport.ts";
import { EXIT_GRACE_MS, inheritedExecArgv, resolveOptional } from "./transport.ts";
import { isTypeScriptPath, MSG_EXIT, MSG_READY } from "./protocol.ts";

const KILL_GRACE_MS = 2000;

function processExecArgv(entry: string, execArgv: string[] | undefined, maxOldMb: number | undefined): string[] {
  const args = execArgv ?? inheritedExecArgv();
  if (isTypeScriptPath(entry) && !args.some((a) => a.includes("tsx"))) {
    const loader = resolveOptional("tsx");
    if (loader === null) {
      throw new Error(`conveyor: cannot start ${entry}: no TypeScript loader; install tsx (npm i -D tsx) or run the compiled JavaScript`);
    }
    args.push("--import", loader);
  }
  if (maxOldMb !== undefined) args.push(`--max-old-space-size=${maxOldMb}`);
  return args;
}

/** The child-process transport: one task in flight per process. */
export const processTransport: TransportKind = {
  window: 1,
  sharedSlots: false,
  entryName: "process-entry",
  start(boot, config, events) {
    const child = fork(fileURLToPath(boot.entry), [JSON.stringify({ ...boot, slots: null })], {
      execArgv: processExecArgv(boot.entry, config.execArgv, config.resourceLimits?.maxOldGenerationSizeMb),
      serialization: "advanced",
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    let ready = false;
    let held: unknown[][] = [];
    let killTimer: NodeJS.Timeout | undefined;
    child.on("message", (message: unknown[]) => {
      if (!ready && message[0] === MSG_READY) {
        ready = true;
        for (const m of held) child.send(m);
        held = [];
      }
      events.onMessage(message);
    });
    child.on("error", (error) => events.onError(error));
    child.on("exit", (code, signal) => {
      if (killTimer !== undefined) clearTimeout(killTimer);
      events.onExit(code, signal);
    });
    return {
      handle: child,
      send(message) {
        if (ready) {
          child.send(message);
        } else {
          serialize(message); // throws now, not later when the held message is flushed
          held.push(message);
        }
      },
      ref() {
        child.ref();
        child.channel?.ref();
      },
      unref() {
        child.unref();
        child.channel?.unref();
      },
      terminate(force) {
        if (child.exitCode !== null || child.signalCode !== null) return;
        if (force) {
          child.kill("SIGKILL");
          return;
        }
        // Graceful (see the module comment): each signal only if the one before did not end it.
        const kill = (signal: NodeJS.Signals, next: NodeJS.Signals | null, ms: number): void => {
          killTimer = setTimeout(() => {
            child.kill(signal);
            if (next !== null) kill(next, null, KILL_GRACE_MS);
          }, ms);
          killTimer.unref();
        };
        if (!child.connected) {
          child.kill("SIGTERM");
          kill("SIGKILL", null, KILL_GRACE_MS);
          return;
        }
        if (ready) child.send([MSG_EXIT]);
        else held.push([MSG_EXIT]);
        kill("SIGTERM", "SIGKILL", EXIT_GRACE_MS);
      },
    };
  },
};
