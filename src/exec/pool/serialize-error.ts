/**
 * Carries thrown values across a thread or process boundary without losing what makes
 * them useful. Structured clone keeps only the message (and, for a few built-in names,
 * the name) of an `Error`; this keeps `name`, `message`, `stack`, `cause` (recursively),
 * `code`, an `AggregateError`'s `errors` and any other cloneable own property, and turns
 * the result back into a real `Error` instance on the receiving side.
 */

const MARK = "__conveyorSerializedError";

interface SerializedError {
  [MARK]: 1;
  name: string;
  message: string;
  stack: string | undefined;
  /** Present only when the error had a `cause` (which may itself be `undefined`). */
  cause?: unknown;
  hasCause: boolean;
  errors?: unknown[];
  props: Record<string, unknown>;
}

const BUILT_IN: Record<string, new (message?: string) => Error> = {
  Error,
  TypeError,
  RangeError,
  SyntaxError,
  ReferenceError,
  EvalError,
  URIError,
};

const SKIPPED_PROPS = new Set(["name", "message", "stack", "cause", "errors"]);

function isErrorLike(value: unknown): value is Error {
  if (value instanceof Error) return true;
  // An error from another realm (a vm context) fails instanceof but looks the same.
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Error).message === "string" &&
    typeof (value as Error).stack === "string"
  );
}

function cloneable(value: unknown): boolean {
  if (value === null || (typeof value !== "object" && typeof value !== "function")) {
    return typeof value !== "symbol";
  }
  try {
    structuredClone(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * Prepares a thrown value for `postMessage`/IPC. Errors become a tagged plain object;
 * anything else is returned as is (the caller handles values that cannot be cloned).
 *
 * @example
 * port.postMessage({ error: serializeThrown(err) });
 */
export function serializeThrown(value: unknown, seen = new Set<unknown>()): unknown {
  if (!isErrorLike(value)) return value;
  if (seen.has(value)) return "[circular cause]";
  seen.add(value);
  const out: SerializedError = {
    [MARK]: 1,
    name: String(value.name ?? "Error"),
    message: String(value.message),
    stack: typeof value.stack === "string" ? value.stack : undefined,
    hasCause: "cause" in value,
    props: {},
  };
  if (out.hasCause) {
    const cause = serializeThrown(value.cause, seen);
    out.cause = cloneable(cause) ? cause : String(cause);
  }
  if (Array.isArray((value as AggregateError).errors)) {
    out.errors = (value as AggregateError).errors.map((e) => {
      const s = serializeThrown(e, seen);
      return cloneable(s) ? s : String(s);
    });
  }
  for (const key of Object.keys(value)) {
    if (SKIPPED_PROPS.has(key)) continue;
    const prop = (value as unknown as Record<string, unknown>)[key];
    if (cloneable(prop)) out.props[key] = prop;
  }
  // `code` is often inherited (a class getter, DOMException's numeric code): keep it too.
  if (!("code" in out.props)) {
    const code = (value as { code?: unknown }).code;
    if (code !== undefined && cloneable(code)) out.props.code = code;
  }
  return out;
}

function isSerializedError(value: unknown): value is SerializedError {
  return typeof value === "object" && value !== null && (value as SerializedError)[MARK] === 1;
}

function define(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, configurable: true, enumerable: false });
}

/**
 * Rebuilds what {@link serializeThrown} produced: an `Error` (of the built-in class its
 * name names, else `Error`) with the original name, message, stack, cause, code and props.
 *
 * @example
 * port.on("message", (m) => reject(deserializeThrown(m.error)));
 */
export function deserializeThrown(value: unknown): unknown {
  if (!isSerializedError(value)) return value;
  const errors = value.errors?.map(deserializeThrown);
  const Ctor = BUILT_IN[value.name] ?? Error;
  const err: Error = errors !== undefined ? new AggregateError(errors, value.message) : new Ctor(value.message);
  if (err.name !== value.name) define(err, "name", value.name);
  define(err, "stack", value.stack);
  if (value.hasCause) define(err, "cause", deserializeThrown(value.cause));
  Object.assign(err, value.props);
  return err;
}
