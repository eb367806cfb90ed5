// What goes through a ThreadQueue comes out as structured clone would give it, through
// every codec path (bytes, ArrayBuffer, string, number, JSON fast path, v8.serialize),
// including records that wrap around the end of the ring.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { ThreadQueue } from "../../../src/exec/thread-queue/index.ts";
import { isPlainData } from "../../../src/exec/thread-queue/plain-data.ts";
import { within } from "./helpers.ts";

/** `[1, <hole>, 3]`, spelled so the linter accepts it. */
function sparse(): unknown[] {
  const array = [1];
  array[2] = 3;
  return array;
}

function roundTrip<T>(q: ThreadQueue<T>, item: T): T {
  q.putNowait(item);
  return q.getNowait();
}

describe("ThreadQueue codec", () => {
  test("each kind of item arrives as structured clone would give it", () => {
    const q = new ThreadQueue<unknown>();
    const shared = { x: 1 };
    const cyclic: Record<string, unknown> = { name: "c" };
    cyclic.self = cyclic;
    const items: unknown[] = [
      "", "héllo ✓ 𝄞", "lone \ud800 surrogate", 0, -0, NaN, -Infinity, 1.5e300, 42,
      true, false, null, undefined, 10n,
      { id: 1, name: "job", tags: ["a", "b"], nested: { ok: true, none: null } },
      [1, "two", [3]], [], {},
      { u: undefined }, sparse(), Object.assign([1, 2], { extra: "x" }),
      { twice: [shared, shared] }, cyclic,
      new Date(1700000000000), new Map([["k", 1]]), new Set([1, 2]), /re/g,
      new Float64Array([1.5, -2]), new Error("boom"), Object.create(null),
      new (class Point { x = 1; })(),
    ];
    for (const item of items) assert.deepStrictEqual(roundTrip(q, item), structuredClone(item));
    const twice = roundTrip(q, { twice: [shared, shared] }) as { twice: object[] };
    assert.equal(twice.twice[0], twice.twice[1], "sharing is kept, as structured clone keeps it");
    const back = roundTrip(q, cyclic) as Record<string, unknown>;
    assert.equal(back.self, back);
  });

  test("bytes come back as fresh Uint8Array / ArrayBuffer copies", () => {
    const q = new ThreadQueue<unknown>();
    const buf = Buffer.from("abc");
    const out = roundTrip(q, buf) as Uint8Array;
    assert.equal(Object.getPrototypeOf(out), Uint8Array.prototype);
    assert.deepEqual([...out], [97, 98, 99]);
    const view = new Uint8Array([1, 2, 3, 4]).subarray(1, 3);
    assert.deepEqual(roundTrip(q, view), new Uint8Array([2, 3]));
    const ab = new Uint8Array([5, 6]).buffer;
    const abOut = roundTrip(q, ab) as ArrayBuffer;
    assert.ok(abOut instanceof ArrayBuffer && abOut !== ab);
    assert.deepEqual(new Uint8Array(abOut), new Uint8Array([5, 6]));
  });

  test("isPlainData accepts only what JSON carries exactly", () => {
    for (const ok of [1, "s", true, null, [1, [2]], { a: { b: [null] } }, Object.create(null)]) {
      assert.equal(isPlainData(ok), true, JSON.stringify(ok));
    }
    const shared = {};
    for (const no of [undefined, -0, NaN, 1n, new Date(), sparse(), { u: undefined }, { s: [shared, shared] },
      Object.assign([1], { x: 1 }), new (class A {})(), { f() {} }, new Uint8Array(1)]) {
      assert.equal(isPlainData(no), false, typeof no);
    }
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = [deep];
    assert.equal(isPlainData(deep), false);
  });

  test("records wrapping around the end of a small ring keep their bytes (property)", () => {
    const q = new ThreadQueue<unknown>({ capacityBytes: 200 });
    const item = fc.oneof(
      fc.uint8Array({ maxLength: 90 }),
      fc.string({ maxLength: 30 }),
      fc.double(),
      fc.dictionary(fc.string({ maxLength: 5 }), fc.oneof(fc.integer(), fc.string({ maxLength: 8 })), { maxKeys: 3 }),
    );
    fc.assert(
      fc.property(fc.array(item, { maxLength: 30 }), (items) => {
        const pending: unknown[] = [];
        for (const x of items) {
          // Keep the ring partly full so writes start at every offset and wrap.
          try {
            q.putNowait(x);
            pending.push(x);
          } catch {
            assert.deepStrictEqual(q.getNowait(), structuredClone(pending.shift()));
            q.putNowait(x);
            pending.push(x);
          }
          if (pending.length > 1) assert.deepStrictEqual(q.getNowait(), structuredClone(pending.shift()));
        }
        while (pending.length > 0) assert.deepStrictEqual(q.getNowait(), structuredClone(pending.shift()));
        assert.equal(q.qsize(), 0);
      }),
      { numRuns: 300 },
    );
  });
});

describe("structured-clone items", () => {
  test(
    "regression: a typed array inside a cloned item shared its buffer with other items",
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
