import type { AcceptedCase, BadInputCase } from "./case.js";
import { badClassInputs } from "./class-cases.js";
import { badColumnarFiles } from "./columnar-cases.js";
import { acceptedCsvs, badCsvs } from "./csv-cases.js";
import { acceptedModels, badModels } from "./model-cases.js";
import { badOnnxFiles } from "./onnx-cases.js";
import { badOptions } from "./option-cases.js";

export { type CaseInput, CORPUS, inputName } from "./case.js";

/** The bad-input corpus, counted in docs/reliability.md. */
export const BAD_INPUTS: readonly BadInputCase[] = [
  ...badCsvs,
  ...badModels,
  ...badOnnxFiles,
  ...badOptions,
  ...badClassInputs,
  ...badColumnarFiles,
];

/** Awkward inputs a demanding user expects to work. */
export const ACCEPTED_INPUTS: readonly AcceptedCase[] = [...acceptedCsvs, ...acceptedModels];
