/**
 * Every demo mode, in the notes' order. To add one (threads, processes, ...), write its
 * file next to these and list it here.
 */
import { asyncioSequential } from "./asyncio-sequential.ts";
import { asyncioTasks } from "./asyncio-tasks.ts";
import type { DemoMode } from "./mode.ts";
import { processes } from "./processes.ts";
import { sequentialList } from "./sequential-list.ts";
import { threads } from "./threads.ts";

export type { DemoMode } from "./mode.ts";

/**
 * The registered modes, sorted by the notes' number.
 *
 * @example
 * DEMO_MODES.map((m) => m.name); // ["sequential-list", "threads", "asyncio-sequential", "asyncio-tasks", "processes"]
 */
export const DEMO_MODES: readonly DemoMode[] = [sequentialList, threads, asyncioSequential, asyncioTasks, processes].sort(
  (a, b) => a.number - b.number,
);
