export * from "./backend/index.js";
export * from "./data/index.js";
export * from "./ensemble/index.js";
export * from "./errors.js";
export * from "./io/index.js";
export * from "./nn/index.js";
export * from "./predict/index.js";
export * from "./random/index.js";
