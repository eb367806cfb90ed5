/**
 * Entry of a pool's child process (forked by process-transport.ts); boot data comes as
 * the first argument. The process ends by itself when its parent goes away, because the
 * IPC channel is all that keeps it alive.
 */
import type { WorkerBootData } from "./protocol.ts";
import { startWorker } from "./worker-runtime.ts";

const boot = JSON.parse(process.argv[2]) as WorkerBootData;
let dying = false;

void startWorker(
  {
    post: (message) => void process.send!(message),
    onMessage: (handler) => process.on("message", handler as (message: unknown) => void),
    close: () => process.disconnect(),
    die(message) {
      if (dying) return;
      dying = true;
      // Exit only once the report has been written to the channel.
      try {
        process.send!(message, undefined, undefined, () => process.exit(1));
      } catch {
        process.exit(1);
      }
    },
  },
  boot,
);
