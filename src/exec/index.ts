/**
 * conveyor/exec: where work runs. Worker-thread and child-process pools behind one
 * interface (asyncio's `run_in_executor`, `to_thread` and process pools), and
 * `ThreadQueue`, the core Queue shared between threads (Python's `queue.Queue`).
 */
export * from "./pool/index.ts";
export * from "./thread-queue/index.ts";
