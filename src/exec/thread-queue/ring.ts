/**
 * The byte ring of a ThreadQueue: variable-length records in a circular region of the
 * shared buffer. Putters call `pushRecord` holding `PUT_LOCK`, getters `peekRecord`
 * holding `GET_LOCK`; the callers keep `USED` and `COUNT` (see shared-ops.ts).
 *
 * A record is an 8-byte header, `[length: Int32][kind: Int32]`, then `length` payload
 * bytes padded to a multiple of 8. The ring size is a multiple of 8 and records start on
 * 8-byte boundaries, so a header never straddles the end of the ring (it is read as two
 * Int32 words) and a float64 payload never does either; other payloads may wrap, and are
 * then copied in two pieces. Splitting rather than skipping to the start keeps the byte
 * accounting exact: an item fits if `USED + recordBytes(length) <= capacity`.
 */
import { HEAD, TAIL, USED, type SharedViews } from "./shared-layout.ts";

/** Size of a record header in bytes. */
export const HEADER_BYTES = 8;

/** Bytes a record with a `length`-byte payload takes in the ring. */
export function recordBytes(length: number): number {
  return HEADER_BYTES + ((length + 7) & ~7);
}

/** True if a record with a `length`-byte payload fits in the free part of the ring now. */
export function hasRoom(views: SharedViews, length: number): boolean {
  return Atomics.load(views.ctl, USED) + recordBytes(length) <= views.capacity;
}

/**
 * Writes a record header at the tail and returns the payload's byte offset. The caller
 * writes the payload, then `commitPush`es, then publishes the record by adding
 * `recordBytes(length)` to `USED` and 1 to `COUNT`. (If writing the payload throws, the
 * tail has not moved and the queue is as before.)
 */
export function pushRecord(views: SharedViews, kind: number, length: number): number {
  const { ctl, words } = views;
  const tail = ctl[TAIL];
  words[tail >> 2] = length;
  words[(tail >> 2) + 1] = kind;
  return wrap(views, tail + HEADER_BYTES);
}

/** Moves the tail past the record `pushRecord` wrote. */
export function commitPush(views: SharedViews, length: number): void {
  views.ctl[TAIL] = wrap(views, views.ctl[TAIL] + recordBytes(length));
}

/** Kind and length of the record last read by `peekRecord`. */
export const shifted = { kind: 0, length: 0 };

/**
 * Reads the header of the oldest record into `shifted` and returns its payload's byte
 * offset. The caller copies the payload out, then `commitShift`s, then frees the space
 * by subtracting `recordBytes(length)` from `USED` (and 1 from `COUNT`).
 */
export function peekRecord(views: SharedViews): number {
  const { ctl, words } = views;
  const head = ctl[HEAD];
  shifted.length = words[head >> 2];
  shifted.kind = words[(head >> 2) + 1];
  return wrap(views, head + HEADER_BYTES);
}

/** Moves the head past the record `peekRecord` read. */
export function commitShift(views: SharedViews): void {
  views.ctl[HEAD] = wrap(views, views.ctl[HEAD] + recordBytes(shifted.length));
}

/** An offset that may have run past the end of the ring, brought back into it. */
function wrap(views: SharedViews, offset: number): number {
  return offset >= views.capacity ? offset - views.capacity : offset;
}

/** Empties the ring (used by `shutdown(true)`, holding both locks). */
export function clearRing(views: SharedViews): void {
  views.ctl[HEAD] = 0;
  views.ctl[TAIL] = 0;
  Atomics.store(views.ctl, USED, 0);
}

/** Below this many bytes a plain loop beats `subarray` + `set` (no view object to allocate). */
const SMALL_COPY = 64;

/** Copies `src` into the ring at `start`, wrapping around the end if needed. */
export function writeBytes(views: SharedViews, start: number, src: Uint8Array): void {
  const { bytes, capacity } = views;
  const length = src.length;
  const first = capacity - start;
  if (length <= SMALL_COPY) {
    let at = start;
    for (let i = 0; i < length; i++) {
      if (at === capacity) at = 0;
      bytes[at++] = src[i];
    }
  } else if (length <= first) {
    bytes.set(src, start);
  } else {
    bytes.set(src.subarray(0, first), start);
    bytes.set(src.subarray(first), 0);
  }
}

/** Copies `dest.length` bytes out of the ring from `start`, wrapping around the end if needed. */
export function readBytes(views: SharedViews, start: number, dest: Uint8Array): void {
  const { bytes, capacity } = views;
  const length = dest.length;
  const first = capacity - start;
  if (length <= SMALL_COPY) {
    let at = start;
    for (let i = 0; i < length; i++) {
      if (at === capacity) at = 0;
      dest[i] = bytes[at++];
    }
  } else if (length <= first) {
    dest.set(bytes.subarray(start, start + length));
  } else {
    dest.set(bytes.subarray(start, capacity));
    dest.set(bytes.subarray(0, length - first), first);
  }
}

/** True if a payload of `length` bytes at `start` lies in one piece. */
export function isContiguous(views: SharedViews, start: number, length: number): boolean {
  return start + length <= views.capacity;
}
