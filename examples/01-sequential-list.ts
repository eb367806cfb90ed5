/**
 * Example 1 of the notes (seed 000 §1): plain sequential code.
 *
 * Python:
 *     queue = []
 *     for i in range(1, 6):
 *         msg = f"Задача {i}"; queue.append(msg); print(f"[P] → {msg}"); time.sleep(0.3)
 *     while queue:
 *         msg = queue.pop(0)
 *         print(f"[C] ← {msg:<10} начало"); time.sleep(1.0); print(f"[C]     {msg:<10} готово")
 *
 * A plain array and a blocking sleep (Atomics.wait, what `time.sleep` is): the producer
 * finishes completely before the consumer starts, nothing overlaps.
 *
 * Run: npx tsx examples/01-sequential-list.ts   (CONVEYOR_SCALE=0.1 for a faster run)
 */
const SCALE = Number(process.env.CONVEYOR_SCALE) || 1;
const seconds = (s: number) => s * 1000 * SCALE;

/** `time.sleep`: blocks the whole thread, timers and promises included. */
function blockingSleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

console.log("1. Plain TypeScript — sequential calls\n");

const queue: string[] = []; // the simplest queue: slow, and no coordination at all

// Producer
for (let i = 1; i <= 5; i++) {
  const msg = `Task ${i}`;
  queue.push(msg);
  console.log(`[P] → ${msg}`);
  blockingSleep(seconds(0.3));
}

console.log();

// Consumer
while (queue.length > 0) {
  const msg = queue.shift() as string;
  console.log(`[C] ← ${msg.padEnd(10)} start`);
  blockingSleep(seconds(1.0));
  console.log(`[C]     ${msg.padEnd(10)} done`);
}
