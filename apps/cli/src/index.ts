export { EXIT_OK, EXIT_RUNTIME, EXIT_USAGE } from "./exit-codes.js";
export { PRESETS, presetFlags } from "./presets/catalogue.js";
export { buildProgram, main } from "./program.js";
