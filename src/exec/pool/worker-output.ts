/**
 * Worker side: has what this worker printed reached the pool's process yet?
 *
 * A worker thread's stdout and stderr are relayed by the main thread: a write is posted
 * to it, and later writes wait in the stream until the main thread has taken the last
 * one. The main thread stops taking them once the program is done, so lines still in that
 * relay when the last result arrives would be lost with an idle, unreferenced worker. A
 * worker therefore posts no result while its output is pending (as Piscina does). A child
 * process writes to its own file descriptors synchronously: its streams never are.
 */
import type { Writable } from "node:stream";

let streams: Writable[] | undefined;

function open(stream: Writable): boolean {
  return !stream.destroyed && !stream.writableEnded;
}

/** True while some of this worker's stdout or stderr writes have not been taken yet. */
export function outputPending(): boolean {
  streams ??= [process.stdout, process.stderr];
  for (const s of streams) if (s.writableLength > 0 && open(s)) return true;
  return false;
}

/** Resolves once every write made so far to stdout and stderr has been taken. */
export function outputFlushed(): Promise<void> {
  streams ??= [process.stdout, process.stderr];
  const pending = streams.filter((s) => s.writableLength > 0 && open(s));
  // An empty write completes after every write before it.
  return Promise.all(pending.map((s) => new Promise<void>((resolve) => s.write("", () => resolve())))).then(() => undefined);
}
