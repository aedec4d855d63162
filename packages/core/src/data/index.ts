export {
  classesOfLabels,
  classIndicesOf,
  type LabelSource,
  sortClassLabels,
} from "./class-labels.js";
export { assertDistinctNames, type ColumnMatchOptions, matchInputColumns, repeatedNames } from "./columns.js";
export {
  type CsvColumns,
  type CsvTable,
  datasetFromCsv,
  type InputColumns,
  inputsFromCsv,
  type LabelledColumns,
  type LabelledText,
  labelledDataFromCsv,
  labelledTextFromCsv,
  parseCsvTable,
  resolveCsvColumns,
} from "./csv.js";
export { assertFinite, createDataset, type Dataset, linspace, memberTargets, validateDataset } from "./dataset.js";
export { assertOneHot, oneHot } from "./one-hot.js";
export { memoryRowSource, type RowBatch, type RowSource } from "./row-source.js";
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
export { type StreamChunk, streamChunks } from "./stream-chunks.js";
export { fitStreamStandardizer } from "./stream-standardizer.js";
export { decodeText } from "./text-decoding.js";
export {
  heteroscedasticNoiseStd,
  MAX_TOY_POINTS,
  makeHeteroscedasticToyData,
  makeToyData,
  type ToyDataOptions,
} from "./toy.js";
export {
  CLASSIFICATION_2D_EXTENT,
  CLASSIFICATION_2D_NAMES,
  type Classification2dData,
  type Classification2dName,
  type Classification2dOptions,
  isClassification2dName,
  MAX_CLASSIFICATION_2D_NOISE,
  makeCircleData,
  makeClassification2d,
  makeClustersData,
  makeSpiralData,
  makeXorData,
} from "./toy-2d.js";
export { fitYeoJohnsonLambda, YEO_JOHNSON_LAMBDA_RANGE, YEO_JOHNSON_MIN_DISTINCT, yeoJohnson } from "./yeo-johnson.js";
