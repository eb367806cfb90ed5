/**
 * Cancellation scopes: asyncio's "cancelling a task cancels whatever it awaits, however
 * deep", for promises.
 *
 * `timeout`, `TaskGroup.run` (its body) and every TaskGroup task open a scope whose
 * signal is the one they pass to their function. The scope is ambient: an
 * AsyncLocalStorage carries it through every `await` of the code it runs, so a nested
 * `timeout` or `TaskGroup.run` links itself to it, and a waiting call of any primitive
 * (`q.get()`, `lock.acquire()`, `event.wait()`, ...) made without a signal obeys it. A
 * waiting call given its own signal obeys both; `{ signal: null }` obeys neither.
 *
 * States of a scope: OPEN (its unit is running) → CLOSED (its unit settled). Only open
 * scopes govern: code that outlives its scope (a promise nobody awaited, work that
 * ignored its signal past a deadline) follows the nearest enclosing scope still open, or
 * none. Waits already parked keep the scope they parked under.
 *
 * Waiters do not listen on the scope's AbortSignal (EventTarget listeners cost about a
 * microsecond each, which a queue at millions of items per second cannot pay per wait):
 * the scope keeps its own set of listeners and registers one on its signal.
 *
 * Cost: on Node >= 24 (and 22 with --experimental-async-context-frame) AsyncLocalStorage
 * is nearly free. Older runtimes implement it with a promise hook that slows every promise
 * in the process while it is enabled, so there the storage is enabled only while some
 * scope is open and disabled when the last one closes: a program that never opens a
 * scope, or is between scopes, pays nothing.
 */
import { AsyncLocalStorage } from "node:async_hooks";

type AbortListener = ((event: Event) => void) | { handleEvent(event: Event): void };

/**
 * A parked wait (Waiter, ParkedCall) links itself into the scope's list of listeners:
 * no allocation and no hashing per wait, which a Set costs.
 */
export interface ScopeLink {
  handleEvent(event: Event): void;
  scopeOwner: CancelScope | undefined;
  scopePrev: ScopeLink | undefined;
  scopeNext: ScopeLink | undefined;
}

function isScopeLink(listener: AbortListener): listener is ScopeLink {
  return typeof listener === "object" && "scopeNext" in listener;
}

/** A unit of work's cancellation: its signal, and the scope it was opened in. */
export class CancelScope {
  readonly signal: AbortSignal;
  readonly parent: CancelScope | undefined;
  private open = true;
  /** The waits parked under this scope, woken in arrival order when it aborts. */
  private head: ScopeLink | undefined;
  private tail: ScopeLink | undefined;
  /** Other listeners (an inner timeout or group following this scope): few, long-lived. */
  private readonly others = new Set<AbortListener>();

  constructor(signal: AbortSignal, parent: CancelScope | undefined) {
    this.signal = signal;
    this.parent = parent;
    openScopes++;
    if (signal.aborted) cancelledScopes++;
    else signal.addEventListener("abort", this, { once: true });
  }

  get aborted(): boolean {
    return this.signal.aborted;
  }

  get reason(): unknown {
    return this.signal.reason;
  }

  /** Adds a one-shot abort listener; cheaper than one on the signal. */
  addEventListener(_type: "abort", listener: AbortListener): void {
    if (!isScopeLink(listener)) {
      this.others.add(listener);
      return;
    }
    if (listener.scopeOwner !== undefined) listener.scopeOwner.unlink(listener);
    listener.scopeOwner = this;
    listener.scopePrev = this.tail;
    listener.scopeNext = undefined;
    if (this.tail === undefined) this.head = listener;
    else this.tail.scopeNext = listener;
    this.tail = listener;
  }

  removeEventListener(_type: "abort", listener: AbortListener): void {
    if (!isScopeLink(listener)) this.others.delete(listener);
    else if (listener.scopeOwner === this) this.unlink(listener);
  }

  /** The signal aborted: wake every parked wait, oldest first, then the others. */
  handleEvent(event: Event): void {
    if (this.open) cancelledScopes++;
    for (let link = this.head; link !== undefined; link = this.head) {
      this.unlink(link);
      link.handleEvent(event);
    }
    for (const listener of this.others) {
      this.others.delete(listener);
      if (typeof listener === "function") listener(event);
      else listener.handleEvent(event);
    }
  }

  private unlink(link: ScopeLink): void {
    const { scopePrev: prev, scopeNext: next } = link;
    if (prev === undefined) this.head = next;
    else prev.scopeNext = next;
    if (next === undefined) this.tail = prev;
    else next.scopePrev = prev;
    link.scopeOwner = link.scopePrev = link.scopeNext = undefined;
  }

  /** The unit settled: the scope no longer governs code that outlives it. */
  close(): void {
    if (!this.open) return;
    this.open = false;
    if (this.signal.aborted) cancelledScopes--;
    if (--openScopes === 0 && HOOK_BASED) storage.disable();
  }

  /** Runs `fn` with this scope as the ambient one (synchronously, and across its awaits). */
  run<R>(fn: () => R): R {
    return storage.run(this, fn);
  }

  /** This scope if it is still open, else the nearest open ancestor. */
  governing(): CancelScope | undefined {
    if (this.open) return this;
    let scope = this.parent;
    while (scope !== undefined && !scope.open) scope = scope.parent;
    return scope;
  }
}

const storage = new AsyncLocalStorage<CancelScope | undefined>();
/** Node 20 and 22 (by default) propagate the store with a promise hook: keep it off when idle. */
const HOOK_BASED = "kResourceStore" in storage;
let openScopes = 0;
/** Open scopes whose signal has aborted. */
let cancelledScopes = 0;

/**
 * False when no open scope is cancelled: a call that can complete at once may then skip
 * looking up its scope, since whatever it is, it is not cancelled (the queue's ready
 * paths run millions of times a second; the lookup waits until a call must park).
 */
export function someScopeCancelled(): boolean {
  return cancelledScopes !== 0;
}

/** The innermost open scope the caller runs in, if any. */
export function currentScope(): CancelScope | undefined {
  return openScopes === 0 ? undefined : storage.getStore()?.governing();
}

/**
 * The signal of the cancellation scope the caller runs in: the innermost `timeout`
 * callback, TaskGroup task or TaskGroup body. Undefined outside any scope. Pass it to
 * APIs that know nothing of conveyor (`fetch`, `timers/promises`) so that they are
 * cancelled with the scope, as asyncio cancels whatever a task awaits.
 *
 * @example
 * await timeout(5000, async () => {
 *   const res = await fetch(url, { signal: currentSignal() }); // aborted at the deadline
 *   return res.json();
 * });
 */
export function currentSignal(): AbortSignal | undefined {
  return currentScope()?.signal;
}

/**
 * Runs `fn` outside every cancellation scope, so that the waits inside it are not
 * cancelled by an enclosing `timeout` or TaskGroup: for cleanup that must finish (put an
 * item back, release a resource that takes a lock). The caller still waits for it.
 * This is Trio's shielded scope; asyncio's `shield` differs in letting the cancelled
 * caller go on while the shielded work runs in the background.
 *
 * @example
 * tg.createTask(async () => {
 *   const job = await jobs.get();
 *   try {
 *     await handle(job);
 *   } catch (err) {
 *     await shield(() => jobs.put(job)); // hand it back even though we were cancelled
 *     throw err;
 *   }
 * });
 */
export function shield<T>(fn: () => T | PromiseLike<T>): Promise<T> {
  if (typeof fn !== "function") {
    return Promise.reject(new TypeError(`shield: expected a function () => value or promise, got ${typeof fn}`));
  }
  try {
    return Promise.resolve(currentScope() === undefined ? fn() : storage.run(undefined, fn));
  } catch (err) {
    return Promise.reject(err);
  }
}
