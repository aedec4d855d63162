export { loadAutoMpg } from "./auto-mpg.js";
export { loadBoston } from "./boston.js";
export { loadPenguins } from "./penguins.js";
export { type TabularData, toCsv } from "./tabular-data.js";
export { type Split, uciSplit } from "./uci-split.js";
