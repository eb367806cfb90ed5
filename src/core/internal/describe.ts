/** Describes a value for an error message: `"5" (string)`, `NaN`, `null`, `[object]`. */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "string") return `${JSON.stringify(value)} (string)`;
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") {
    return `${String(value)} (${typeof value})`;
  }
  if (typeof value === "undefined") return "undefined";
  if (typeof value === "function") return "a function";
  return Array.isArray(value) ? "an array" : "an object";
}
