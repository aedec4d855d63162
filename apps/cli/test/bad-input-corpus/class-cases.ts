import { writeFile } from "node:fs/promises";
import { EXIT_RUNTIME, EXIT_USAGE } from "../../src/exit-codes.js";
import { type BadInputCase, badCsv, badModel, TRAIN, VALID_MODEL } from "./case.js";

const CATEGORICAL = ["--head", "categorical", "--y-col", "species"];
/** A valid 3-class categorical model (1 member, 1 input x, hidden 2; classes setosa, versicolor, virginica). */
const CATEGORICAL_MODEL = { fixture: "model/categorical-valid.json" } as const;

/** A label CSV given to `rpf train --head categorical`. */
function badLabels(file: string, name: string, ...mentions: (string | RegExp)[]): BadInputCase {
  const base = badCsv(file, name, ...mentions);
  return { ...base, args: [...base.args, ...CATEGORICAL] };
}

/** Classification (issue #15): label columns, categorical model files, and output options that do not fit the head. */
export const badClassInputs: BadInputCase[] = [
  badLabels(
    "one-class-label.csv",
    "a label column with one class only",
    'column "species" holds one class only ("setosa")',
  ),
  badLabels("empty-label.csv", "an empty class label", 'line 3, column "species": the class label is empty'),
  {
    category: "csv",
    name: "a label column with 1025 classes (at most 1024)",
    inputs: [
      {
        name: "many-classes.csv",
        make: (path) =>
          writeFile(path, `a,species\n${Array.from({ length: 1025 }, (_, i) => `${i},class-${i}`).join("\n")}\n`),
      },
    ],
    args: [...TRAIN, "--data", "many-classes.csv", ...CATEGORICAL],
    code: EXIT_RUNTIME,
    mentions: ["many-classes.csv", "holds 1025 distinct labels; a classifier takes at most 1024 classes"],
  },
  {
    category: "options",
    name: "train --head categorical --standardize xy",
    inputs: [{ name: "labels.csv", make: (path) => writeFile(path, "a,species\n0,setosa\n1,virginica\n") }],
    args: [...TRAIN, "--data", "labels.csv", ...CATEGORICAL, "--standardize", "xy"],
    code: EXIT_USAGE,
    mentions: ["--standardize", '"xy"', "categorical"],
  },
  {
    category: "options",
    name: "train --head categorical on the toy data (a numeric target)",
    inputs: [],
    args: [...TRAIN, "--head", "categorical"],
    code: EXIT_USAGE,
    mentions: ["--head categorical needs labelled data", "--data FILE.csv"],
  },
  ...badModel(
    "model",
    "categorical-without-classes.json",
    "a categorical model without its classes",
    "classes is missing; a categorical model names its 3 classes",
  ),
  ...badModel(
    "model",
    "categorical-duplicate-classes.json",
    "a categorical model naming a class twice",
    'class "setosa" twice',
  ),
  ...badModel(
    "model",
    "categorical-in-format-version-2.json",
    "a categorical model that says format version 2",
    "the categorical head, which came with format version 3",
  ),
  {
    category: "options",
    name: "predict --level on a categorical model",
    inputs: [CATEGORICAL_MODEL],
    args: ["predict", "--model", "categorical-valid.json", "--x=-1:1:3", "--level", "0.9"],
    code: EXIT_USAGE,
    mentions: ["--level", "this model is categorical (3 classes)"],
  },
  {
    category: "options",
    name: "predict --probabilities on a regression model",
    inputs: [VALID_MODEL],
    args: ["predict", "--model", "valid.json", "--x=-1:1:3", "--probabilities"],
    code: EXIT_USAGE,
    mentions: ["--probabilities needs a model trained with --head categorical", "head is mse"],
  },
];
