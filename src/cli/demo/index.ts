/**
 * `conveyor demo`: the notes' producer/consumer scenario, run in every mode implemented so
 * far, measured, drawn and compared.
 */
export { runDemo, selectModes, type DemoOptions, type DemoResult } from "./run-demo.ts";
export {
  comparisonRows,
  describeScenario,
  formatComparisonTable,
  formatModeSection,
  formatTableNotes,
  formatTakeaway,
  type ComparisonRow,
} from "./report.ts";
export { DEFAULT_SCALE, NOTES_SCENARIO, scaledScenario, type Scenario } from "./scenario.ts";
export {
  estimateDemoMs,
  overlappedTotal,
  sequentialTotal,
  PROCESS_STARTUP_MS,
  PROGRAM_STARTUP_MS,
  THREAD_STARTUP_MS,
  type ExpectedTime,
} from "./expected.ts";
export { OUTPUT_COLUMNS, wrap } from "./text.ts";
export { DEMO_MODES, type DemoMode } from "./modes/index.ts";
