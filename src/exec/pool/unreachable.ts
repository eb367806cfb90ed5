/**
 * Exhaustiveness for switches over the pool's state unions: a `default` branch that only
 * compiles when every member has its case.
 */

/** Throws: `value` is a state no case handles, which the types say cannot happen. */
export function unreachable(value: never, what: string): never {
  throw new Error(`conveyor: unexpected ${what} ${JSON.stringify(value)}`);
}
