export {
  exponential,
  normal,
  permutation,
  poisson,
  randomIntegers,
  truncatedNormal,
  uniform,
  uniform53,
} from "./distributions.js";
export { foldIn, isRandomKey, keyFromSeed, type RandomKey, randomBits, splitKey } from "./key.js";
export { threefry2x32 } from "./threefry.js";
