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
  formatTakeaway,
  type ComparisonRow,
} from "./report.ts";
export { DEFAULT_SCALE, NOTES_SCENARIO, scaledScenario, type Scenario } from "./scenario.ts";
export { DEMO_MODES, type DemoMode } from "./modes/index.ts";
