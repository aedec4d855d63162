import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { describe, expect, it } from "vitest";
import { identityStandardizer } from "../data/standardizer.js";
import { InvalidArgumentError, ModelFormatError } from "../errors.js";
import { initEnsembleParams } from "../members/params.js";
import { resolveEnsembleSpec } from "../spec/resolve.js";
import { canonicalJson } from "./canonical-json.js";
import type { ModelData } from "./model-data.js";
import { decodeModel, encodeModel } from "./model-file.js";

/** A 3-class model; `classes` null leaves them out; head "mse" makes it a regression model of 3 outputs. */
function categorical(
  classes: readonly string[] | null = ["setosa", "versicolor", "virginica"],
  head: "categorical" | "mse" = "categorical",
): ModelData {
  const spec = resolveEnsembleSpec({ members: 2, inputSize: 4, outputSize: 3, head, seed: 1 });
  return {
    spec,
    params: initEnsembleParams(spec),
    standardizer: identityStandardizer(4, 3),
    training: null,
    columns: { x: ["a", "b", "c", "d"], y: "species" },
    ...(classes ? { classes } : {}),
  };
}

/** Re-signs an edited file so that only the check under test can fail. */
function resign(file: Record<string, unknown>): string {
  const { checksum: _old, ...body } = file;
  return JSON.stringify({ ...body, checksum: `sha256:${bytesToHex(sha256(utf8ToBytes(canonicalJson(body))))}` });
}

function edited(change: (file: Record<string, unknown> & { spec: Record<string, unknown> }) => void): string {
  const file = JSON.parse(encodeModel(categorical()));
  change(file);
  return resign(file);
}

describe("a categorical model file", () => {
  it("is written as format version 3 with its classes, and reads back with them in order", () => {
    const text = encodeModel(categorical());
    const file = JSON.parse(text);
    expect(file.formatVersion).toBe(3);
    expect(file.classes).toEqual(["setosa", "versicolor", "virginica"]);
    const decoded = decodeModel(text);
    expect(decoded.spec.head).toBe("categorical");
    expect(decoded.classes).toEqual(["setosa", "versicolor", "virginica"]);
  });

  it("keeps the writer's order of classes (the map is index → label, whatever the order)", () => {
    expect(decodeModel(encodeModel(categorical(["low", "medium", "high"]))).classes).toEqual(["low", "medium", "high"]);
  });

  it.each([
    ["without classes", null, "classes is missing; a categorical model names its 3 classes"],
    ["with too few classes", ["a", "b"], "classes must be a list of 3 class labels (one per output)"],
    ["with a class twice", ["a", "b", "a"], 'classes names class "a" twice'],
    ["with an empty label", ["a", "", "c"], "classes[1] must be a non-empty label"],
  ])("is not written %s (InvalidArgumentError: it could not be read back)", (_label, classes, message) => {
    const run = () => encodeModel(categorical(classes));
    expect(run).toThrow(InvalidArgumentError);
    expect(run).toThrow(message);
  });

  it.each([
    ["without classes", (f: Record<string, unknown>) => delete f.classes, "classes is missing"],
    ["with classes of the wrong length", (f: Record<string, unknown>) => (f.classes = ["a", "b"]), "list of 3 class"],
    ["with a duplicate class", (f: Record<string, unknown>) => (f.classes = ["a", "b", "b"]), 'class "b" twice'],
    [
      "with a label that is not text",
      (f: Record<string, unknown>) => (f.classes = ["a", 2, "c"]),
      "classes[1] must be",
    ],
    [
      "as format version 2",
      (f: Record<string, unknown>) => (f.formatVersion = 2),
      "categorical head, which came with format version 3, but the file says version 2",
    ],
  ])("is refused %s (ModelFormatError)", (_label, change, message) => {
    const run = () => decodeModel(edited(change));
    expect(run).toThrow(ModelFormatError);
    expect(run).toThrow(message);
  });

  it("a regression model with classes is refused on both sides", () => {
    const model = categorical(["a", "b", "c"], "mse");
    expect(() => encodeModel(model)).toThrow("classes belongs to a categorical model; this model's head is mse");
    const file = JSON.parse(encodeModel(categorical(null, "mse")));
    expect(file.formatVersion).toBe(2);
    file.classes = ["a", "b", "c"];
    expect(() => decodeModel(resign(file))).toThrow("classes belongs to a categorical model");
  });
});
