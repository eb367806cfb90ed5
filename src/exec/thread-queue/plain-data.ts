/**
 * Recognises "plain data": values that JSON carries exactly as structured clone would,
 * so the codec can use `JSON.stringify`/`JSON.parse` (several times faster than
 * `v8.serialize`/`v8.deserialize` for small objects) without changing what arrives.
 *
 * Plain data is a string, boolean, null, a finite number other than -0, or an array or
 * plain object (prototype `Object.prototype` or null) of plain data, with no holes, no
 * `undefined`, no extra array properties, no object reachable twice (structured clone
 * would keep the sharing, JSON would duplicate it) and at most `MAX_OBJECTS` objects
 * (bigger graphs go to `v8.serialize`, whose cost per byte is fine). Everything else
 * (Dates, Maps, typed arrays, class instances, cycles, NaN, ...) is not plain data, and
 * falls back to `v8.serialize`.
 */

const MAX_OBJECTS = 64;
const MAX_DEPTH = 16;

/** Objects seen during an `isPlainData` call, reused to spare an allocation per call. */
const spare: object[] = [];

/** True if `value` survives `JSON.parse(JSON.stringify(value))` exactly as structured clone. */
export function isPlainData(value: unknown): boolean {
  // A getter inside `value` could re-enter (put to a queue while being read): then the
  // spare list is in use, and this call takes its own.
  const seen = spare.length === 0 ? spare : [];
  try {
    return visit(value, 0, seen);
  } finally {
    if (seen === spare) spare.length = 0;
  }
}

function visit(value: unknown, depth: number, seen: object[]): boolean {
  switch (typeof value) {
    case "string":
    case "boolean":
      return true;
    case "number":
      return Number.isFinite(value) && !Object.is(value, -0);
    case "object":
      return value === null || visitObject(value, depth, seen);
    default:
      return false;
  }
}

function visitObject(value: object, depth: number, seen: object[]): boolean {
  if (depth >= MAX_DEPTH || seen.length >= MAX_OBJECTS || seen.includes(value)) return false;
  seen.push(value);
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return false;
    const length = value.length;
    // A hole reads as undefined (rejected below); this catches extra named properties.
    if (Object.keys(value).length !== length) return false;
    for (let i = 0; i < length; i++) if (!visit(value[i], depth + 1, seen)) return false;
    return true;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  for (const key in value) {
    if (!visit((value as Record<string, unknown>)[key], depth + 1, seen)) return false;
  }
  return true;
}
