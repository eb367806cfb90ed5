/**
 * What `acquire()` resolves to: a handle that releases what was acquired, once, and that
 * `using` releases at the end of its block, TypeScript's `async with`.
 */
import { InvalidStateError } from "./errors.ts";

/**
 * Releases an acquired lock or semaphore slot exactly once.
 *
 * @example
 * {
 *   using _ = await lock.acquire();
 *   // ...critical section...
 * } // released here, even if the block throws
 */
export interface Releaser extends Disposable {
  /** Releases; throws `InvalidStateError` if this handle already released. */
  release(): void;
}

class OnceReleaser implements Releaser {
  private released = false;
  private readonly owner: { release(): void };

  constructor(owner: { release(): void }) {
    this.owner = owner;
  }

  release(): void {
    if (this.released) throw new InvalidStateError("this acquisition was already released");
    this.released = true;
    this.owner.release();
  }

  [Symbol.dispose](): void {
    if (!this.released) this.release();
  }
}

/** A fresh single-use releaser for `owner`. */
export function releaserFor(owner: { release(): void }): Releaser {
  return new OnceReleaser(owner);
}
