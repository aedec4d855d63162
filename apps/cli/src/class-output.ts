import { type ClassPrediction, finiteJson, formatFloat32, InvalidArgumentError, repeatedNames } from "@rpf/core";
import { csvField } from "./csv-field.js";

/** The per-point uncertainty columns of a categorical prediction (docs/heads.md), in nats. */
export const CLASS_UNCERTAINTY_COLUMNS = ["entropy", "aleatoric_entropy", "mutual_information"] as const;

/** The inputs as prediction output echoes them: names, and cells as written, [n, names.length]. */
interface EchoedInputs {
  readonly names: readonly string[];
  readonly given: readonly string[];
  readonly n: number;
}

/** The probability column of a class: `p_<label>`. */
export function probabilityColumn(label: string): string {
  return `p_${label}`;
}

/**
 * The output columns: the inputs, p_<label> per class, label, entropy, aleatoric_entropy,
 * mutual_information.
 * @throws {InvalidArgumentError} when an input column has the name of an output column (a CSV
 *   whose header names a column twice cannot be read back).
 */
function header(inputs: EchoedInputs, classes: readonly string[]): string[] {
  const columns = [...inputs.names, ...classes.map(probabilityColumn), "label", ...CLASS_UNCERTAINTY_COLUMNS];
  const repeated = repeatedNames(columns);
  if (repeated.length > 0) {
    throw new InvalidArgumentError(
      `the output would name column ${repeated.map((n) => JSON.stringify(n)).join(", ")} twice: an input column has the name of an output column (p_<class>, label, ${CLASS_UNCERTAINTY_COLUMNS.join(", ")}); write --format json, or rename the input column`,
      { field: "format", accepted: "input columns named unlike the output columns" },
    );
  }
  return columns;
}

/** A categorical prediction as CSV: float32 values in shortest round-trip form, fields quoted where needed. */
export function formatClassCsv(inputs: EchoedInputs, prediction: ClassPrediction, classes: readonly string[]): string {
  const width = inputs.names.length;
  const k = prediction.classCount;
  const lines = [header(inputs, classes).map(csvField).join(",")];
  for (let i = 0; i < inputs.n; i++) {
    const cells = [
      ...inputs.given.slice(i * width, (i + 1) * width),
      ...Array.from(prediction.probabilities.subarray(i * k, (i + 1) * k), formatFloat32),
      csvField(classes[prediction.predictedClass[i]!]!),
      formatFloat32(prediction.entropy[i]!),
      formatFloat32(prediction.aleatoricEntropy[i]!),
      formatFloat32(prediction.mutualInformation[i]!),
    ];
    lines.push(cells.join(","));
  }
  return `${lines.join("\n")}\n`;
}

/**
 * A categorical prediction as JSON: `classes`, `probabilities` as one row of K per point (in the
 * order of `classes`), `label`, and the three uncertainty columns, each a list over points.
 */
export function formatClassJson(inputs: EchoedInputs, prediction: ClassPrediction, classes: readonly string[]): string {
  const k = prediction.classCount;
  const shortest = (values: Float32Array) => Array.from(values, (v) => Number(formatFloat32(v)));
  return `${finiteJson({
    columns: inputs.names,
    x: inputs.given.map(Number),
    classes,
    probabilities: Array.from({ length: inputs.n }, (_, i) =>
      shortest(prediction.probabilities.subarray(i * k, (i + 1) * k)),
    ),
    label: Array.from(prediction.predictedClass, (c) => classes[c]!),
    entropy: shortest(prediction.entropy),
    aleatoric_entropy: shortest(prediction.aleatoricEntropy),
    mutual_information: shortest(prediction.mutualInformation),
  })}\n`;
}
