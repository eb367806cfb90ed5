// MessagePort baseline for the cross-thread queue bench: receive `n` messages on the
// parent port, then reply with a checksum (first byte of each Uint8Array, or each
// object's `id`) so the parent can tell that nothing was lost.
import { parentPort, workerData } from "node:worker_threads";

const { n, kind } = workerData;
let count = 0;
let sum = 0;
parentPort.on("message", (message) => {
  sum += kind === "bytes" ? message[0] : message.id;
  // No port.close() here: the worker could then exit before the parent reads "done".
  // The parent terminates it once it has the checksum.
  if (++count === n) parentPort.postMessage({ sum });
});
parentPort.postMessage("ready");
