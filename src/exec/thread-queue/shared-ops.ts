/**
 * The operations on a ThreadQueue's shared state. A put is one critical section under
 * `PUT_LOCK`, a get one under `GET_LOCK` (see shared-layout.ts for why two); each then
 * wakes whoever sleeps on the condition it may have changed (see sleeper.ts).
 *
 * Who is woken: a put wakes one getter thread (any getter can use any item; the woken
 * thread takes items for as many local getters as it has, and passes the wake-up on if
 * it has none left). A get wakes every putter thread, because items differ in size and
 * the first putter may not fit where a later one would. Reaching zero unfinished tasks
 * wakes every joiner, and a shutdown wakes everybody.
 */
import { InvalidStateError } from "../../core/errors.ts";
import { finishDecode, readPayload, writePayload, type Encoded } from "./codec.ts";
import { lock, unlock } from "./lock.ts";
import { clearRing, commitPush, commitShift, hasRoom, peekRecord, pushRecord, recordBytes, shifted } from "./ring.ts";
import {
  COUNT,
  GET_LOCK,
  GET_SEQ,
  GET_WAITERS,
  JOIN_SEQ,
  JOIN_WAITERS,
  MAXSIZE,
  PUT_LOCK,
  PUT_SEQ,
  PUT_WAITERS,
  SHUTDOWN,
  UNFINISHED,
  USED,
  type SharedViews,
} from "./shared-layout.ts";
import { wake, wakeIfWaiting } from "./sleeper.ts";

/** `tryPut` results. */
export const PUT_DONE = 0;
export const PUT_FULL = 1;
export const PUT_SHUT_DOWN = 2;

/** `tryGet` results other than an item (no decoded item is ever one of these objects). */
export const EMPTY: unique symbol = Symbol("empty");
export const SHUT_DOWN: unique symbol = Symbol("shut down");

/** Appends `enc` unless the queue is shut down, at `maxsize`, or short of bytes. */
export function tryPut(views: SharedViews, enc: Encoded): number {
  const { ctl } = views;
  lock(ctl, PUT_LOCK);
  try {
    if (Atomics.load(ctl, SHUTDOWN) !== 0) return PUT_SHUT_DOWN;
    const maxsize = ctl[MAXSIZE];
    // Only putters (we hold their lock) raise COUNT and USED: room seen now stays room.
    if ((maxsize > 0 && Atomics.load(ctl, COUNT) >= maxsize) || !hasRoom(views, enc.length)) return PUT_FULL;
    writePayload(views, pushRecord(views, enc.kind, enc.length), enc);
    commitPush(views, enc.length);
    // Count the task before the item becomes visible, so a fast getter's taskDone never
    // finds UNFINISHED at zero; then publish the record.
    Atomics.add(ctl, UNFINISHED, 1);
    Atomics.add(ctl, USED, recordBytes(enc.length));
    Atomics.add(ctl, COUNT, 1);
  } finally {
    unlock(ctl, PUT_LOCK);
  }
  wakeIfWaiting(ctl, GET_SEQ, GET_WAITERS, 1);
  return PUT_DONE;
}

/** Removes and returns the oldest item, or `EMPTY`, or `SHUT_DOWN` once shut down and drained. */
export function tryGet(views: SharedViews): unknown {
  const { ctl } = views;
  let kind: number;
  let raw: unknown;
  lock(ctl, GET_LOCK);
  try {
    // SHUTDOWN first: once it reads 1, every put has finished, so COUNT is final.
    const shut = Atomics.load(ctl, SHUTDOWN);
    if (Atomics.load(ctl, COUNT) === 0) return shut !== 0 ? SHUT_DOWN : EMPTY;
    const start = peekRecord(views);
    kind = shifted.kind;
    raw = readPayload(views, start, kind, shifted.length);
    commitShift(views);
    // Copied out: now free the record's space.
    Atomics.sub(ctl, COUNT, 1);
    Atomics.sub(ctl, USED, recordBytes(shifted.length));
  } finally {
    unlock(ctl, GET_LOCK);
  }
  wakeIfWaiting(ctl, PUT_SEQ, PUT_WAITERS, Infinity);
  return finishDecode(kind, raw);
}

/** Counts one item as processed; wakes the joiners when none is left unfinished. */
export function taskDone(ctl: Int32Array): void {
  for (;;) {
    const unfinished = Atomics.load(ctl, UNFINISHED);
    if (unfinished <= 0) {
      throw new InvalidStateError("taskDone() called more times than there were items put");
    }
    if (Atomics.compareExchange(ctl, UNFINISHED, unfinished, unfinished - 1) === unfinished) {
      if (unfinished === 1) finishJoin(ctl);
      return;
    }
  }
}

/** Bumps `JOIN_SEQ` (the "all done" event joiners wait for) and wakes every joiner. */
function finishJoin(ctl: Int32Array): void {
  Atomics.add(ctl, JOIN_SEQ, 1);
  if (Atomics.load(ctl, JOIN_WAITERS) > 0) wake(ctl, JOIN_SEQ, JOIN_WAITERS, Infinity);
}

/**
 * Marks the queue shut down; with `immediate`, discards the items, counting each as done
 * (never below zero) as Python 3.13 does. Wakes every getter and putter to re-check.
 */
export function shutdown(views: SharedViews, immediate: boolean): void {
  const { ctl } = views;
  let released = false;
  lock(ctl, PUT_LOCK);
  lock(ctl, GET_LOCK);
  try {
    Atomics.store(ctl, SHUTDOWN, 1);
    if (immediate) {
      const discarded = Atomics.load(ctl, COUNT);
      clearRing(views);
      Atomics.store(ctl, COUNT, 0);
      released = subtractUnfinished(ctl, discarded) === 0;
    }
  } finally {
    unlock(ctl, GET_LOCK);
    unlock(ctl, PUT_LOCK);
  }
  if (released) finishJoin(ctl);
  wakeIfWaiting(ctl, GET_SEQ, GET_WAITERS, Infinity);
  wakeIfWaiting(ctl, PUT_SEQ, PUT_WAITERS, Infinity);
}

/** `UNFINISHED -= min(n, UNFINISHED)`, atomically (taskDone does not take the mutex). */
function subtractUnfinished(ctl: Int32Array, n: number): number {
  for (;;) {
    const unfinished = Atomics.load(ctl, UNFINISHED);
    const next = Math.max(0, unfinished - n);
    if (Atomics.compareExchange(ctl, UNFINISHED, unfinished, next) === unfinished) return next;
  }
}
