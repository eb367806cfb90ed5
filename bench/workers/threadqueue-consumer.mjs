// Consumer side of the cross-thread queue bench: attach to the conveyor ThreadQueue whose
// handle came in workerData, take `n` items (get + taskDone), reply with a checksum.
// tsx's loader does not follow `node --import tsx` into worker threads on Node 20, so we
// register it here to import conveyor from source.
import { parentPort, workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { ThreadQueue } = await import(workerData.moduleUrl);
const { n, kind } = workerData;
const q = ThreadQueue.attach(workerData.handle);
parentPort.postMessage("ready");
let sum = 0;
for (let i = 0; i < n; i++) {
  const item = await q.get();
  sum += kind === "bytes" ? item[0] : item.id;
  q.taskDone();
}
parentPort.postMessage({ sum });
