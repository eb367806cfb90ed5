/**
 * How items become ring records and back.
 *
 * - `Uint8Array` (and `Buffer`) and `ArrayBuffer`: raw bytes, copied once into the ring and
 *   once out (into a fresh `Uint8Array` / `ArrayBuffer`, as structured clone would give).
 * - strings: UTF-8, written straight into the ring and decoded straight out of it
 *   (a string with lone surrogates, which UTF-8 cannot carry, goes as JSON, escaped).
 * - numbers: one float64 slot, no encoding at all.
 * - plain data (plain objects and arrays of strings, finite numbers, booleans and null;
 *   see plain-data.ts): JSON text, which round-trips such values exactly as structured
 *   clone does, at a fraction of `v8.serialize`'s cost for small objects.
 * - anything else: `v8.serialize`, the structured-clone wire format `postMessage` uses,
 *   so a value arrives as it would through a MessagePort (Dates, Maps, typed arrays,
 *   Errors, cycles; functions and symbols are refused with a `DataCloneError`).
 *
 * Why these fast paths: the bytes path is the "16-byte message" workload and skips the
 * serializer entirely; strings, numbers and small plain objects are the commonest items,
 * and a `v8.serialize` + `v8.deserialize` round trip of `{ id: 1, name: "x" }` costs
 * several microseconds in Node (a fresh C++ serializer per call), more than
 * `postMessage` itself, while these cost a few hundred nanoseconds. Serialising happens before
 * taking the mutex and deserialising after releasing it; only the copy runs under it.
 */
import { DefaultDeserializer, serialize } from "node:v8";
import { isPlainData } from "./plain-data.ts";
import { isContiguous, readBytes, writeBytes } from "./ring.ts";
import type { SharedViews } from "./shared-layout.ts";

export const KIND_BYTES = 1;
export const KIND_ARRAY_BUFFER = 2;
export const KIND_STRING = 3;
export const KIND_NUMBER = 4;
export const KIND_CLONE = 5;
export const KIND_JSON = 6;

/** `String.prototype.isWellFormed` (ES2024; Node 20+), typed here for the ES2022 libs. */
const isWellFormed = (String.prototype as { isWellFormed?: (this: string) => boolean }).isWellFormed;

/** An item ready to be written: its kind, payload length, and payload in a writable form. */
export interface Encoded {
  kind: number;
  length: number;
  /** Bytes for the byte kinds and `KIND_CLONE`, the string itself, or the number. */
  data: Uint8Array | string | number;
}

/** Fills `out` with the encoding of `item`. Throws `DataCloneError` for uncloneable items. */
export function encode(item: unknown, out: Encoded): void {
  if (typeof item === "string" && (isWellFormed === undefined || isWellFormed.call(item))) {
    out.kind = KIND_STRING;
    out.length = Buffer.byteLength(item, "utf8");
    out.data = item;
  } else if (typeof item === "number") {
    out.kind = KIND_NUMBER;
    out.length = 8;
    out.data = item;
  } else if (item instanceof Uint8Array) {
    out.kind = KIND_BYTES;
    out.length = item.length;
    out.data = item;
  } else if (item instanceof ArrayBuffer) {
    out.kind = KIND_ARRAY_BUFFER;
    out.length = item.byteLength;
    out.data = new Uint8Array(item);
  } else if (isPlainData(item)) {
    const json = JSON.stringify(item);
    out.kind = KIND_JSON;
    out.length = Buffer.byteLength(json, "utf8");
    out.data = json;
  } else {
    const bytes = serializeOrThrow(item);
    out.kind = KIND_CLONE;
    out.length = bytes.length;
    out.data = bytes;
  }
}

/**
 * A copy of `enc` that no longer shares memory with the caller's item: a put that has
 * to wait keeps this, so changing the array after calling `put` does not change what
 * arrives (structured clone's snapshot semantics).
 */
export function detach(enc: Encoded): Encoded {
  const { kind, data } = enc;
  const copy = (kind === KIND_BYTES || kind === KIND_ARRAY_BUFFER) && data instanceof Uint8Array;
  return { kind, length: enc.length, data: copy ? data.slice() : data };
}

/** Writes the payload of `enc` at `start` in the ring (mutex held). */
export function writePayload(views: SharedViews, start: number, enc: Encoded): void {
  const { data } = enc;
  if (typeof data === "number") {
    views.floats[start >> 3] = data;
  } else if (typeof data === "string") {
    if (isContiguous(views, start, enc.length)) views.text.write(data, start, enc.length, "utf8");
    else writeBytes(views, start, Buffer.from(data, "utf8"));
  } else {
    writeBytes(views, start, data);
  }
}

/**
 * Reads a payload out of the ring (mutex held). Returns the item, except for
 * `KIND_CLONE` and `KIND_JSON`, where it returns a private copy of the bytes or the JSON
 * text, for `finishDecode` to decode after the mutex is released.
 */
export function readPayload(views: SharedViews, start: number, kind: number, length: number): unknown {
  switch (kind) {
    case KIND_NUMBER:
      return views.floats[start >> 3];
    case KIND_STRING:
      return readText(views, start, length);
    case KIND_JSON:
      return readText(views, start, length);
    case KIND_BYTES:
      return copyOut(views, start, length, new Uint8Array(length));
    case KIND_ARRAY_BUFFER:
      return copyOut(views, start, length, new Uint8Array(length)).buffer;
    default:
      // A slice of Node's buffer pool is fine: typed arrays inside the item will view
      // these bytes, and the pool never hands the same bytes out twice.
      return copyOut(views, start, length, Buffer.allocUnsafe(length));
  }
}

/** Completes `readPayload` (mutex released): decodes a `KIND_CLONE` or `KIND_JSON` payload. */
export function finishDecode(kind: number, raw: unknown): unknown {
  if (kind === KIND_JSON) return JSON.parse(raw as string) as unknown;
  if (kind !== KIND_CLONE) return raw;
  const deserializer = new OwningDeserializer(raw as Buffer);
  deserializer.readHeader();
  return deserializer.readValue();
}

/** Node documents `_readHostObject` as the hook to override; @types/node omits it. */
interface HostObjectReader extends InstanceType<typeof DefaultDeserializer> {
  _readHostObject(): object;
}

/**
 * `v8.deserialize`, except that each typed array or DataView in the item gets a buffer of
 * its own, as through `postMessage`. Node's reader would make them views into the bytes
 * being decoded (here a slice of Node's shared Buffer pool), so clearing one item's array
 * could overwrite another item's, or an unrelated Buffer's, bytes.
 */
class OwningDeserializer extends (DefaultDeserializer as new (buffer: Buffer) => HostObjectReader) {
  override _readHostObject(): object {
    const view = super._readHostObject() as ArrayBufferView;
    const own = view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength);
    const View = view.constructor as new (buffer: ArrayBuffer) => ArrayBufferView;
    return new View(own as ArrayBuffer);
  }
}

/** `v8.serialize`, failing the way `postMessage` does: a `DataCloneError` DOMException. */
function serializeOrThrow(item: unknown): Buffer {
  try {
    return serialize(item);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw Object.assign(new DOMException(message, "DataCloneError"), { cause: err });
  }
}

function readText(views: SharedViews, start: number, length: number): string {
  if (isContiguous(views, start, length)) return views.text.toString("utf8", start, start + length);
  return copyOut(views, start, length, Buffer.allocUnsafe(length)).toString("utf8");
}

function copyOut<A extends Uint8Array>(views: SharedViews, start: number, length: number, dest: A): A {
  readBytes(views, start, dest);
  return dest;
}
