/**
 * conveyor's core: asyncio's coordination primitives for one event loop, with asyncio's
 * semantics, no run-time dependencies, and AbortSignal for cancellation.
 */
export { Queue, type QueueOptions, type WaitOptions, type ItemStore } from "./queue.ts";
export { PriorityQueue, compareNatural, type PriorityQueueOptions } from "./priority-queue.ts";
export { LifoQueue } from "./lifo-queue.ts";
export { Lock } from "./lock.ts";
export { Semaphore, BoundedSemaphore } from "./semaphore.ts";
export { Event } from "./event.ts";
export { Condition } from "./condition.ts";
export { Barrier } from "./barrier.ts";
export { TaskGroup, Task, type TaskGroupOptions } from "./task-group.ts";
export { timeout, type TimeoutOptions } from "./timeout.ts";
export { currentSignal, shield } from "./cancel-scope.ts";
export type { Releaser } from "./releaser.ts";
export {
  ConveyorError,
  QueueEmpty,
  QueueFull,
  QueueShutDown,
  BrokenBarrierError,
  TimeoutError,
  InvalidStateError,
  isConveyorError,
} from "./errors.ts";
