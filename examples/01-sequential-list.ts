/**
 * Example 1 of the notes (seed 000 §1): plain sequential code. Python: examples/python/01-sequential-list.py.
 *
 *     queue = []
 *     for i in range(1, 6):
 *         msg = f"Задача {i}"; queue.append(msg); print(f"[P] → {msg}"); time.sleep(0.3)
 *     print()
 *     while queue:
 *         msg = queue.pop(0)
 *         print(f"[C] ← {msg:<10} начало"); time.sleep(1.0); print(f"[C]     {msg:<10} готово")
 *
 * A plain array and a blocking sleep (`time.sleep`): the producer finishes completely
 * before the consumer starts, nothing overlaps. It prints exactly what the Python prints,
 * its title included, though the title says "Python": the twin shows the same program,
 * and the test compares the two outputs byte for byte. `{msg:<10}` is `msg.padEnd(10)`;
 * the `\n` at the end of the title plus print's own newline make the blank line.
 *
 * Run: npx tsx examples/01-sequential-list.ts   (CONVEYOR_SCALE=0.1 for a faster run)
 * Compare: python3 examples/python/01-sequential-list.py
 */
import { blockingSleep } from "./lib/blocking.ts";

const SCALE = Number(process.env.CONVEYOR_SCALE) || 1;
const seconds = (s: number) => s * 1000 * SCALE;

console.log("1. Обычный Python — последовательный вызов\n");

const queue: string[] = []; // the simplest queue: slow, and no coordination at all

// Producer
for (let i = 1; i <= 5; i++) {
  const msg = `Задача ${i}`;
  queue.push(msg);
  console.log(`[P] → ${msg}`);
  blockingSleep(seconds(0.3));
}

console.log();

// Consumer
while (queue.length > 0) {
  const msg = queue.shift() as string;
  console.log(`[C] ← ${msg.padEnd(10)} начало`);
  blockingSleep(seconds(1.0));
  console.log(`[C]     ${msg.padEnd(10)} готово`);
}
