/**
 * A queue `get` or `put` parked until the queue can serve it.
 *
 *
 * Same states as a Waiter (PENDING → WOKEN | CANCELLED), but instead of resolving a
 * promise of its own that an async function then awaits, a woken call is resumed by the
 * queue one microtask later and settles the caller's promise directly. That keeps
 * asyncio's wake-up-then-re-check semantics (the item stays in the queue until the call
 * resumes) with one promise per parked call instead of three.
 */
import type { CancelScope, ScopeLink } from "../cancel-scope.ts";
import type { Abortable } from "./wait-signal.ts";
import { CANCELLED, PENDING, WOKEN, type Wakeable, type WaiterState } from "./waiter.ts";

/** The queue side: what to do when a parked call is woken or aborted. */
export interface ParkedCallOwner<T> {
  /** Called by `wake()`: arrange for `call` to resume on a later microtask, in wake order. */
  scheduleResume(call: ParkedCall<T>): void;
  /** Runs when the call's signal aborts while it is still PENDING. */
  forgetParked(call: ParkedCall<T>): void;
}

export class ParkedCall<T> implements Wakeable, ScopeLink {
  state: WaiterState = PENDING;
  removed = false;
  // Links of the cancellation scope it may be parked under (see ../cancel-scope.ts).
  scopeOwner: CancelScope | undefined = undefined;
  scopePrev: ScopeLink | undefined = undefined;
  scopeNext: ScopeLink | undefined = undefined;

  private readonly owner: ParkedCallOwner<T>;
  /** True for a put (carrying `item`), false for a get. */
  readonly isPut: boolean;
  readonly item: T | undefined;
  readonly signal: Abortable | undefined;
  readonly resolve: (value: any) => void;
  readonly reject: (reason: unknown) => void;

  constructor(
    owner: ParkedCallOwner<T>,
    isPut: boolean,
    item: T | undefined,
    signal: Abortable | undefined,
    resolve: (value: any) => void,
    reject: (reason: unknown) => void,
  ) {
    this.owner = owner;
    this.isPut = isPut;
    this.item = item;
    this.signal = signal;
    this.resolve = resolve;
    this.reject = reject;
    if (signal !== undefined) signal.addEventListener("abort", this, { once: true });
  }

  wake(): boolean {
    if (this.state !== PENDING) return false;
    this.state = WOKEN;
    if (this.signal !== undefined) this.signal.removeEventListener("abort", this);
    this.owner.scheduleResume(this);
    return true;
  }

  /** Puts a woken call back to waiting (its turn was taken before it resumed). */
  repark(): void {
    this.state = PENDING;
    this.removed = false;
    if (this.signal !== undefined) this.signal.addEventListener("abort", this, { once: true });
  }

  /** The abort listener. */
  handleEvent(): void {
    if (this.state !== PENDING) return;
    this.state = CANCELLED;
    this.owner.forgetParked(this);
    this.reject(this.signal!.reason);
  }
}
