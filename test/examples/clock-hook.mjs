// A module-loading hook for run-twin.ts: it puts a call to the runner's clock in front of
// the example's own code, so the clock starts when the example's first statement runs,
// after Node has resolved, transformed (tsx) and linked it and everything it imports.
// Loading takes from under a millisecond to tens of milliseconds on a busy machine; at
// CONVEYOR_SCALE=0.1 that would be up to several tenths of the notes' seconds, unrelated
// to the example. The call goes on the first line, before the example's first token, so
// line numbers in stack traces stay right.
import { TextDecoder } from "node:util";

let example;

export function initialize(data) {
  example = data.example;
}

export async function load(url, context, nextLoad) {
  const loaded = await nextLoad(url, context);
  if (url !== example || loaded.format !== "module" || loaded.source == null) return loaded;
  const source = typeof loaded.source === "string" ? loaded.source : new TextDecoder().decode(loaded.source);
  return { ...loaded, source: `globalThis[Symbol.for("conveyor.examples.startClock")]();${source}` };
}
