/**
 * `sleep` that wakes its sleepers in asyncio's order: every sleep that is due when the
 * timer fires resumes from one callback, as asyncio's loop moves every expired timer to
 * its ready queue before it runs any of them.
 *
 * Why it matters (examples/semaphore.ts): two tasks sleep 1 s, started a few
 * microseconds apart, and a third waits for the first one's slot.
 * - asyncio: one pass of the loop finds both timers expired and runs both callbacks,
 *   each of which only schedules its task's next step. The next pass runs Task 1
 *   ("Task 1 finished", its release schedules Task 3), then Task 2 ("Task 2 finished");
 *   Task 3 runs on the pass after: "Task 3 started" comes last.
 * - `setTimeout` from node:timers/promises: Node runs the promise continuations (the
 *   microtasks) after each timer callback, before the next timer of the same turn. Task
 *   1 resumes, releases, and Task 3 starts before Task 2's timer callback has run:
 *   "Task 3 started" comes before "Task 2 finished".
 * Here one Node timer serves every sleeper. When it fires it resolves all the sleeps due
 * by then in one callback, in deadline order, so the resumed tasks are queued together,
 * ahead of whatever the first of them wakes: the asyncio order.
 *
 * A deadline counts from the time the current turn of the event loop began, as
 * `setTimeout`'s do (libuv reads the clock once per turn), not from the exact moment of
 * the call: two sleeps of 1 s started in one turn end at the same instant even if the
 * machine stalled between the two calls (printing "Task 1 started" can take milliseconds
 * on a busy machine). asyncio gets the same from its selector, which sleeps whole
 * milliseconds, rounded up, so the second deadline, microseconds after the first, has
 * passed too when the loop wakes.
 *
 * State: `sleepers`, sorted by deadline (ties in call order), and at most one armed Node
 * timer, for the earliest deadline. Waking removes the due sleepers and re-arms for the
 * next one, if any. `turnStart` is the clock read at the first sleep of a turn, until an
 * immediate at the end of that turn clears it.
 */
import { performance } from "node:perf_hooks";

interface Sleeper {
  deadline: number;
  wake: () => void;
}

/** Node's timers fire on whole milliseconds; a sleep due within one counts as due. */
const CLOCK_RESOLUTION_MS = 1;

const sleepers: Sleeper[] = [];
let timer: NodeJS.Timeout | undefined;
let armedFor = Infinity;
let turnStart: number | undefined;

/** The time this turn of the event loop began (at its first sleep). */
function loopTime(): number {
  if (turnStart === undefined) {
    turnStart = performance.now();
    setImmediate(() => (turnStart = undefined));
  }
  return turnStart;
}

function arm(): void {
  const first = sleepers[0];
  if (first === undefined || (timer !== undefined && armedFor <= first.deadline)) return;
  clearTimeout(timer);
  armedFor = first.deadline;
  timer = setTimeout(wakeDue, Math.max(0, first.deadline - performance.now()));
}

function wakeDue(): void {
  timer = undefined;
  armedFor = Infinity;
  const end = performance.now() + CLOCK_RESOLUTION_MS;
  let due = 0;
  while (due < sleepers.length && sleepers[due].deadline <= end) due++;
  for (const sleeper of sleepers.splice(0, due)) sleeper.wake();
  arm();
}

/**
 * Resolves after `ms` milliseconds, like `setTimeout` from node:timers/promises, but
 * every sleep due at the same time resumes from the same timer callback.
 *
 * @example
 * await Promise.all([sleep(1000), sleep(1000)]); // both wake in one callback
 */
export function sleep(ms: number): Promise<void> {
  if (typeof ms !== "number" || Number.isNaN(ms) || ms < 0) {
    return Promise.reject(new RangeError(`sleep: ms must be a number >= 0, got ${String(ms)}`));
  }
  return new Promise((resolve) => {
    const sleeper = { deadline: loopTime() + ms, wake: resolve };
    let at = sleepers.length;
    while (at > 0 && sleepers[at - 1].deadline > sleeper.deadline) at--;
    sleepers.splice(at, 0, sleeper);
    arm();
  });
}
