/**
 * `ThreadQueue`, the cross-thread queue of `conveyor/exec`: the core `Queue`'s API over a
 * SharedArrayBuffer, for producers and consumers on different worker threads.
 *
 * @example
 * import { ThreadQueue } from "conveyor/exec";
 * const q = new ThreadQueue<string>({ maxsize: 64 });
 * new Worker(workerUrl, { workerData: q.handle }); // ThreadQueue.attach(workerData) there
 */
export { ThreadQueue, type ThreadQueueOptions, type ThreadQueueWaitOptions } from "./thread-queue.ts";
export { DEFAULT_CAPACITY_BYTES, type ThreadQueueHandle } from "./shared-layout.ts";
