export { FLOAT32_MAX, FLOAT32_RANGE, isFiniteFloat32 } from "./finite-float32.js";
export { formatFloat32 } from "./shortest-float32.js";
