/**
 * Which signal a waiting call obeys: its own `options.signal`, the ambient cancellation
 * scope's (see ../cancel-scope.ts), both, or (with `signal: null`) none.
 */
import { currentScope } from "../cancel-scope.ts";
import { describe } from "./describe.ts";

type AbortListener = ((event: Event) => void) | { handleEvent(event: Event): void };

/** What the waiters need of a signal: AbortSignal has it, and so has EitherSignal. */
export interface Abortable {
  readonly aborted: boolean;
  readonly reason: unknown;
  addEventListener(type: "abort", listener: AbortListener, options?: { once?: boolean }): void;
  removeEventListener(type: "abort", listener: AbortListener): void;
}

/**
 * The signal a waiting call of `owner.method` (or of `owner`) obeys, given its options (validated here:
 * throws a TypeError for anything but `undefined`, an options object, or a signal that
 * is an AbortSignal, undefined or null).
 */
export function waitSignal(options: unknown, owner: string, method?: string): Abortable | undefined {
  let own: AbortSignal | null | undefined;
  if (options !== undefined) {
    const where = method === undefined ? owner : `${owner}.${method}`;
    if (typeof options !== "object" || options === null) {
      throw new TypeError(`${where}: options must be an object { signal? }, got ${describe(options)}`);
    }
    own = (options as { signal?: unknown }).signal as AbortSignal | null | undefined;
    if (own !== undefined && own !== null && !(own instanceof AbortSignal)) {
      throw new TypeError(`${where}: options.signal must be an AbortSignal or null, got ${describe(own)}`);
    }
    if (own === null) return undefined;
  }
  const ambient = currentScope();
  if (ambient === undefined) return own ?? undefined;
  if (own === undefined || own === null || own === ambient.signal || ambient.aborted) return ambient;
  if (own.aborted) return own;
  return new EitherSignal(own, ambient);
}

/**
 * Aborted when either of two signals aborts, with that one's reason. It carries one
 * listener at a time (a waiter) and removes it from both signals once either fires or the
 * waiter leaves, so a long-lived scope signal does not collect listeners of finished waits.
 */
export class EitherSignal implements Abortable {
  private readonly first: Abortable;
  private readonly second: Abortable;
  private listener: AbortListener | undefined;
  private fired: Abortable | undefined;

  constructor(first: Abortable, second: Abortable) {
    this.first = first;
    this.second = second;
  }

  get aborted(): boolean {
    return this.fired !== undefined || this.first.aborted || this.second.aborted;
  }

  get reason(): unknown {
    const source = this.fired ?? (this.first.aborted ? this.first : this.second);
    return source.aborted ? source.reason : undefined;
  }

  addEventListener(_type: "abort", listener: AbortListener): void {
    this.detach();
    this.listener = listener;
    this.first.addEventListener("abort", this, { once: true });
    this.second.addEventListener("abort", this, { once: true });
  }

  removeEventListener(_type: "abort", listener: AbortListener): void {
    if (this.listener === listener) this.detach();
  }

  /** One of the two aborted. */
  handleEvent(event: Event): void {
    this.fired ??= this.first.aborted ? this.first : this.second;
    const listener = this.listener;
    this.detach();
    if (typeof listener === "function") listener(event);
    else listener?.handleEvent(event);
  }

  private detach(): void {
    if (this.listener === undefined) return;
    this.listener = undefined;
    this.first.removeEventListener("abort", this);
    this.second.removeEventListener("abort", this);
  }
}
