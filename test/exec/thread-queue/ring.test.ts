// The data ring of a ThreadQueue (src/exec/thread-queue/ring.ts): records of every size
// fit wherever the head and tail are, up to exactly the ring's capacity.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ThreadQueue } from "../../../src/exec/thread-queue/index.ts";
import { within } from "./helpers.ts";

describe("byte capacity edges", () => {
  test("regression: a record exactly as large as the ring did not fit in the empty ring, also where it wraps", async () => {
    const q = new ThreadQueue<Uint8Array>({ capacityBytes: 64 });
    const whole = new Uint8Array(56).map((_, i) => i + 1); // 8-byte header + 56 = 64 bytes
    for (let shift = 0; shift < 4; shift++) {
      // Move head and tail to 16 * shift (mod 64), then put the ring-sized record there.
      for (let i = 0; i < shift; i++) {
        q.putNowait(new Uint8Array([i]));
        assert.deepEqual([...q.getNowait()], [i]);
      }
      q.putNowait(whole);
      assert.equal(q.full(), false); // count-unbounded: full() says nothing about bytes
      assert.throws(() => q.putNowait(new Uint8Array(0)), { name: "QueueFull" });
      const waiting = q.put(new Uint8Array([9]));
      assert.deepEqual([...q.getNowait()], [...whole]);
      await within(1000, waiting, "the waiting put after the ring emptied");
      assert.deepEqual([...q.getNowait()], [9]);
      assert.equal(q.qsize(), 0);
    }
  });

  test("regression: a number item straddled the ring's end (float64 slots must stay aligned)", () => {
    const q = new ThreadQueue<number | Uint8Array>({ capacityBytes: 72 });
    for (let round = 0; round < 40; round++) {
      // Records of 16 and 24 bytes move the tail through every 8-byte offset of the ring.
      q.putNowait(new Uint8Array(round % 3 === 0 ? 9 : 1));
      q.putNowait(-0);
      q.putNowait(round + 0.5);
      q.getNowait();
      assert.ok(Object.is(q.getNowait(), -0));
      assert.equal(q.getNowait(), round + 0.5);
    }
  });
});
