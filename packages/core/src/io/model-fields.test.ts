import { describe, expect, it } from "vitest";
import { ModelFormatError } from "../errors.js";
import { resolveEnsembleSpec } from "../spec/resolve.js";
import { decodeColumns, decodeStandardizer, decodeTrainingReport } from "./model-fields.js";

const spec = resolveEnsembleSpec({ members: 2, inputSize: 2 });
const standardizer = { xMean: [0, 1], xScale: [1, 2], yMean: [0.5], yScale: [3] };
const training = {
  backend: "matrix",
  device: "cpu",
  epochs: 10,
  examples: 100,
  trainSeconds: 0.5,
  finalLosses: [0.1, 0.2],
  lossEvery: 1,
  meanLossHistory: [1, 0.5],
};

function refusal(decode: () => unknown): string {
  try {
    decode();
  } catch (error) {
    expect(error).toBeInstanceOf(ModelFormatError);
    return (error as Error).message;
  }
  throw new Error("expected the decoder to throw");
}

describe("decodeStandardizer", () => {
  it("returns a valid standardizer as it is", () => {
    expect(decodeStandardizer(standardizer, spec)).toEqual(standardizer);
  });

  it("accepts 3.4028235e38, the largest float32's shortest form, though as a float64 it is just above that float32", () => {
    const edge = { ...standardizer, xMean: [-3.4028235e38, 3.4028235e38], yScale: [3.4028235e38] };
    expect(decodeStandardizer(edge, spec)).toEqual(edge);
  });

  it.each([
    [
      "a zero scale",
      { ...standardizer, xScale: [1, 0] },
      /standardizer\.xScale must be a list of 2 finite numbers > 0 within the float32 range \(±3\.4028235e38\), got \[1,0\]/,
    ],
    [
      "a negative scale",
      { ...standardizer, yScale: [-1] },
      /standardizer\.yScale must be a list of 1 finite number > 0/,
    ],
    [
      "a non-finite mean",
      { ...standardizer, yMean: [null] },
      /standardizer\.yMean must be a list of 1 finite number within the float32 range \(±3\.4028235e38\), got \[null\]/,
    ],
    ["the wrong width", { ...standardizer, xMean: [0] }, /standardizer\.xMean must be a list of 2 finite numbers/],
    [
      "a mean that rounds to Infinity in float32",
      { ...standardizer, yMean: [3.5e38] },
      /standardizer\.yMean must be a list of 1 finite number within the float32 range \(±3\.4028235e38\), got \[3\.5e\+38\]/,
    ],
    [
      "a scale that rounds to Infinity in float32",
      { ...standardizer, xScale: [1, 1e39] },
      /standardizer\.xScale must be a list of 2 finite numbers > 0 within the float32 range/,
    ],
    ["a string", "identity", /standardizer must be an object, got "identity"/],
  ])("refuses %s", (_label, value, message) => {
    expect(refusal(() => decodeStandardizer(value, spec))).toMatch(message);
  });
});

describe("decodeColumns", () => {
  it("returns undefined when absent and the names when valid", () => {
    expect(decodeColumns(undefined, spec)).toBeUndefined();
    expect(decodeColumns(null, spec)).toBeUndefined();
    expect(decodeColumns({ x: ["a", "b"], y: "c" }, spec)).toEqual({ x: ["a", "b"], y: "c" });
  });

  it.each([
    ["a string", "hello", /columns must be an object, got "hello"/],
    [
      "too many x names",
      { x: ["a", "b", "c"], y: "d" },
      /columns\.x must be a list of 2 column names, got \["a","b","c"\]/,
    ],
    ["an empty name", { x: ["a", ""], y: "d" }, /columns\.x must be a list of 2 column names/],
    ["no y", { x: ["a", "b"] }, /columns\.y must be a column name, got undefined/],
    ["a repeated x name", { x: ["a", "a"], y: "d" }, /columns\.x must name each column once, got \["a","a"\]/],
  ])("refuses %s", (_label, value, message) => {
    expect(refusal(() => decodeColumns(value, spec))).toMatch(message);
  });
});

describe("decodeTrainingReport", () => {
  it("returns null for an unfitted model and the report when valid", () => {
    expect(decodeTrainingReport(null)).toBeNull();
    expect(decodeTrainingReport(undefined)).toBeNull();
    expect(decodeTrainingReport(training)).toEqual(training);
  });

  it.each([
    ["a string", "x", /training must be an object, got "x"/],
    ["epochs as text", { ...training, epochs: "10" }, /training\.epochs must be an integer >= 0, got "10"/],
    ["lossEvery 0", { ...training, lossEvery: 0 }, /training\.lossEvery must be an integer >= 1/],
    ["a negative time", { ...training, trainSeconds: -1 }, /training\.trainSeconds must be a finite number >= 0/],
    [
      "losses that are not numbers",
      { ...training, finalLosses: ["a"] },
      /training\.finalLosses must be a list of finite numbers/,
    ],
    ["no backend", { ...training, backend: undefined }, /training\.backend must be a string/],
  ])("refuses %s", (_label, value, message) => {
    expect(refusal(() => decodeTrainingReport(value))).toMatch(message);
  });

  it("names the field as the caller says, and shows long values cut short", () => {
    const message = refusal(() => decodeTrainingReport({ ...training, device: 5 }, "metadata rpf.training"));
    expect(message).toBe("metadata rpf.training.device must be a string, got 5");
    const long = refusal(() => decodeTrainingReport({ ...training, epochs: "e".repeat(10_000) }));
    expect(long).toMatch(/got "e{59}… \(10002 characters\)$/);
    expect(refusal(() => decodeTrainingReport({ ...training, finalLosses: new Array(1000).fill("x") }))).toMatch(
      /got a list of 1000 values$/,
    );
  });
});
