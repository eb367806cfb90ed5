/**
 * True if `error` is how work stops after its `signal` was aborted: the signal's own
 * reason, an AbortError (what Node's APIs such as `timers/promises` reject with), or an
 * error caused by the reason.
 */
export function isCancellation(error: unknown, signal: AbortSignal): boolean {
  if (!signal.aborted) return false;
  if (error === signal.reason) return true;
  if (typeof error !== "object" || error === null) return false;
  const { name, cause } = error as { name?: unknown; cause?: unknown };
  return name === "AbortError" || (cause !== undefined && cause === signal.reason);
}
