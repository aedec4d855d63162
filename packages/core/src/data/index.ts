export { assertDistinctNames, type ColumnMatchOptions, matchInputColumns, repeatedNames } from "./columns.js";
export {
  type CsvColumns,
  type CsvTable,
  datasetFromCsv,
  type InputColumns,
  inputsFromCsv,
  type LabelledColumns,
  labelledDataFromCsv,
  parseCsvTable,
  resolveCsvColumns,
} from "./csv.js";
export { assertFinite, createDataset, type Dataset, linspace, memberTargets, validateDataset } from "./dataset.js";
export {
  fitStandardizer,
  identityStandardizer,
  type Standardizer,
  scaleVarianceY,
  scaleY,
  standardizeX,
  standardizeY,
  unstandardizeY,
} from "./standardizer.js";
export { decodeText } from "./text-decoding.js";
export {
  heteroscedasticNoiseStd,
  MAX_TOY_POINTS,
  makeHeteroscedasticToyData,
  makeToyData,
  type ToyDataOptions,
} from "./toy.js";
