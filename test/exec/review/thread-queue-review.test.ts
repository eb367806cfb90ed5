// Adversarial review of ThreadQueue (src/exec/thread-queue): cases its tests do not cover.
// Regression tests for the bugs that review found (each failed before its fix landed).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ThreadQueue } from "../../../src/exec/thread-queue/index.ts";
import { within } from "../thread-queue/helpers.ts";

describe("ThreadQueue review: structured-clone items", () => {
  test(
    "a typed array inside a cloned item owns its buffer, as through postMessage",
    async () => {
      const q = new ThreadQueue<{ when: Date; bytes: Uint8Array }>();
      const a = { when: new Date(0), bytes: new Uint8Array([1, 2, 3]) };
      const b = { when: new Date(1), bytes: new Uint8Array([4, 5, 6]) };
      await q.put(a);
      await q.put(b);
      const gotA = await within(1000, q.get(), "get a");
      const gotB = await within(1000, q.get(), "get b");
      assert.deepEqual([...gotB.bytes], [4, 5, 6]);
      const unrelated = Buffer.from("an unrelated small Buffer");
      // Through postMessage, item A's buffer is its own: clearing it touches nothing else.
      new Uint8Array(gotA.bytes.buffer).fill(0);
      assert.deepEqual([...gotB.bytes], [4, 5, 6], "clearing item A's buffer changed item B");
      assert.equal(unrelated.toString(), "an unrelated small Buffer", "clearing item A's buffer changed another Buffer");
      const viaClone = structuredClone(a);
      assert.deepEqual(
        [gotA.bytes.byteOffset, gotA.bytes.buffer.byteLength],
        [viaClone.bytes.byteOffset, viaClone.bytes.buffer.byteLength],
        "offset and buffer size differ from structuredClone's",
      );
    },
  );
});

describe("ThreadQueue review: byte capacity edges", () => {
  test("a record exactly as large as the ring fits when empty, also when it wraps", async () => {
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

  test("a number item never straddles the ring's end (float64 slots stay aligned)", () => {
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
