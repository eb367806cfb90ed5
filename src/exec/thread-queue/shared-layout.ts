/**
 * The memory layout of a `ThreadQueue`: one SharedArrayBuffer that every thread maps.
 *
 *   bytes 0..447   control block: 7 cache lines of 16 Int32 words (indexes below)
 *   bytes 448..    the data ring, `capacity` bytes (a multiple of 8)
 *
 * Two-lock ring, so producers and consumers do not contend for one mutex: putters hold
 * `PUT_LOCK` and alone move `TAIL`; getters hold `GET_LOCK` and alone move `HEAD`. They
 * meet only in the atomic counters `COUNT` (items) and `USED` (bytes): a putter writes
 * its record into free space, then adds to `USED` and `COUNT`, which publishes it; a
 * getter copies a record out, then subtracts, which frees its space. Only putters raise
 * the counters and only getters lower them, so a check made under one's own lock stays
 * true until one acts on it. Shutdown takes both locks (put, then get).
 *
 * Each group of words has its own cache line, so a putter and a getter on two cores do
 * not bounce each other's lock words.
 *
 * Waking (futex style): a `*_SEQ` word is bumped when its sleepers may proceed, and they
 * sleep on it with `Atomics.waitAsync`/`Atomics.wait`. `*_WAITERS` counts the threads
 * sleeping or about to; whoever wakes sleepers subtracts them. See sleeper.ts.
 */
import { describe } from "../../core/internal/describe.ts";

const LINE = 16; // Int32 words per 64-byte cache line

/** Identifies the buffer as a ThreadQueue of this layout version. */
export const MAGIC = 0;
/** Items the queue holds before `put` waits; 0 means unbounded (bytes still bound it). */
export const MAXSIZE = 1;
/** Bytes in the data ring. */
export const CAPACITY = 2;
/** 1 once `shutdown()` was called. */
export const SHUTDOWN = 3;

/** Putters' mutex: 0 free, 1 held, 2 held with sleepers (see lock.ts). */
export const PUT_LOCK = LINE;
/** Byte offset in the ring where the next record goes (putters only). */
export const TAIL = LINE + 1;

/** Getters' mutex. */
export const GET_LOCK = 2 * LINE;
/** Byte offset in the ring of the oldest record (getters only). */
export const HEAD = 2 * LINE + 1;

/** Items in the queue. */
export const COUNT = 3 * LINE;
/** Bytes of the ring in use (record headers and padding included). */
export const USED = 3 * LINE + 1;
/** Items put minus `taskDone()` calls (what `join` waits on). */
export const UNFINISHED = 3 * LINE + 2;

/** Bumped when getters may proceed (a put, shutdown): getters sleep on it. */
export const GET_SEQ = 4 * LINE;
/** Threads sleeping (or about to) on `GET_SEQ`. */
export const GET_WAITERS = 4 * LINE + 1;
/** Bumped when putters may proceed (a get, shutdown): putters sleep on it. */
export const PUT_SEQ = 5 * LINE;
/** Threads sleeping (or about to) on `PUT_SEQ`. */
export const PUT_WAITERS = 5 * LINE + 1;
/** Bumped each time `UNFINISHED` reaches 0 (the "all done" event): joiners sleep on it. */
export const JOIN_SEQ = 6 * LINE;
/** Threads sleeping (or about to) on `JOIN_SEQ`. */
export const JOIN_WAITERS = 6 * LINE + 1;

/** Number of control words, and where the ring starts (in bytes). */
export const CONTROL_WORDS = 7 * LINE;
export const RING_OFFSET = CONTROL_WORDS * 4;

/** "CVTQ" plus layout version 2: rejects foreign or stale buffers in `attach`. */
export const MAGIC_VALUE = 0x43565402;

/**
 * Default `capacityBytes`: 1 MiB of shared memory for queued items.
 *
 * @example
 * new ThreadQueue({ capacityBytes: 16 * DEFAULT_CAPACITY_BYTES }); // room for bigger items
 */
export const DEFAULT_CAPACITY_BYTES = 1 << 20;
/** Smallest and largest accepted `capacityBytes`. */
export const MIN_CAPACITY_BYTES = 64;
export const MAX_CAPACITY_BYTES = 1 << 30;
/** Largest accepted `maxsize` (it must fit an Int32 word). */
export const MAX_MAXSIZE = 0x7fffffff;

/**
 * What `ThreadQueue#handle` returns: a plain, structured-cloneable object to hand to
 * another thread (through `workerData` or `postMessage`) and reopen there with
 * `ThreadQueue.attach(handle)`.
 *
 * @example
 * new Worker(url, { workerData: { queue: q.handle } });
 */
export interface ThreadQueueHandle {
  /** Always `"conveyor.ThreadQueue"`. */
  readonly kind: "conveyor.ThreadQueue";
  /** The shared memory: control block and data ring. */
  readonly buffer: SharedArrayBuffer;
}

/** The typed views one thread keeps over a queue's buffer. */
export interface SharedViews {
  readonly buffer: SharedArrayBuffer;
  /** The control block. */
  readonly ctl: Int32Array;
  /** The data ring as bytes. */
  readonly bytes: Uint8Array;
  /** The data ring as Int32 words (record headers are 8-byte aligned). */
  readonly words: Int32Array;
  /** The data ring as float64s (numbers are stored 8-byte aligned). */
  readonly floats: Float64Array;
  /** The data ring as a Buffer, for UTF-8 decoding without a copy. */
  readonly text: Buffer;
  /** Ring size in bytes. */
  readonly capacity: number;
}

/** Validates `maxsize` the way the core `Queue` does, and maps "unbounded" to 0. */
export function readMaxsize(value: unknown): number {
  if (value === undefined) return 0;
  if (typeof value !== "number" || Number.isNaN(value)) {
    throw new TypeError(`ThreadQueue: maxsize must be a number, got ${describe(value)}`);
  }
  if (value <= 0 || value === Infinity) return 0;
  if (!Number.isInteger(value) || value > MAX_MAXSIZE) {
    throw new RangeError(`ThreadQueue: maxsize must be an integer up to ${MAX_MAXSIZE}, got ${value}`);
  }
  return value;
}

/** Validates `capacityBytes` and rounds it up to a multiple of 8. */
export function readCapacity(value: unknown): number {
  if (value === undefined) return DEFAULT_CAPACITY_BYTES;
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw new TypeError(`ThreadQueue: capacityBytes must be an integer, got ${describe(value)}`);
  }
  if (value < MIN_CAPACITY_BYTES || value > MAX_CAPACITY_BYTES) {
    throw new RangeError(
      `ThreadQueue: capacityBytes must be between ${MIN_CAPACITY_BYTES} and ${MAX_CAPACITY_BYTES}, got ${value}`,
    );
  }
  return (value + 7) & ~7;
}

/** Allocates and initialises the shared buffer of a new queue. */
export function createBuffer(maxsize: number, capacity: number): SharedArrayBuffer {
  const buffer = new SharedArrayBuffer(RING_OFFSET + capacity);
  const ctl = new Int32Array(buffer, 0, CONTROL_WORDS);
  ctl[MAXSIZE] = maxsize;
  ctl[CAPACITY] = capacity;
  // Published last: the buffer only leaves this thread after the constructor returns,
  // and postMessage orders the writes above before the receiver reads them.
  Atomics.store(ctl, MAGIC, MAGIC_VALUE);
  return buffer;
}

/** Maps the typed views over a buffer; throws a TypeError if it is not a queue's. */
export function mapViews(buffer: unknown): SharedViews {
  if (!(buffer instanceof SharedArrayBuffer) || buffer.byteLength < RING_OFFSET + MIN_CAPACITY_BYTES) {
    throw new TypeError(`ThreadQueue.attach: expected a ThreadQueue handle, got ${describe(buffer)}`);
  }
  const ctl = new Int32Array(buffer, 0, CONTROL_WORDS);
  const capacity = Atomics.load(ctl, CAPACITY);
  if (Atomics.load(ctl, MAGIC) !== MAGIC_VALUE || capacity !== buffer.byteLength - RING_OFFSET) {
    throw new TypeError("ThreadQueue.attach: the handle's buffer is not a ThreadQueue of this version");
  }
  return {
    buffer,
    ctl,
    bytes: new Uint8Array(buffer, RING_OFFSET, capacity),
    words: new Int32Array(buffer, RING_OFFSET, capacity >> 2),
    floats: new Float64Array(buffer, RING_OFFSET, capacity >> 3),
    text: Buffer.from(buffer, RING_OFFSET, capacity),
    capacity,
  };
}
