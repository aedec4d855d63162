import { describe, expect, it } from "vitest";
import { NonFiniteOutputError } from "../errors.js";
import { assertFinitePrediction, finiteJson, predictionInterval } from "./finite.js";
import { summarizeMembers } from "./summary.js";

/** 2 members × 3 points of one output. */
function prediction(members: number[]) {
  const values = Float32Array.from(members);
  return summarizeMembers({ members: values, prior: new Float32Array(6), trainable: values }, 2, 1);
}

function refusal(call: () => unknown): NonFiniteOutputError {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(NonFiniteOutputError);
    return error as NonFiniteOutputError;
  }
  throw new Error("expected a NonFiniteOutputError");
}

describe("assertFinitePrediction", () => {
  it("passes a finite prediction, however large", () => {
    expect(() => assertFinitePrediction(prediction([1, 2, 3.4e38, 4, 5, -3.4e38]))).not.toThrow();
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])(
    "names the rows where a member gives %s, counting from 1, with their inputs",
    (bad) => {
      // Member 1 at point 2 (row index 1) and member 0 at point 3.
      const error = refusal(() =>
        assertFinitePrediction(prediction([1, 2, bad, 4, bad, 6]), Float32Array.of(-1, -1e38, 7)),
      );
      expect(error.rows).toEqual([1, 2]);
      expect(error.code).toBe("non_finite_output");
      expect(error.message).toMatch(
        /^the ensemble's outputs at input rows 2 \(x = -1e\+38\), 3 \(x = 7\) are not finite/,
      );
    },
  );

  it("counts the rows it does not name", () => {
    const members = Array.from({ length: 16 }, () => Number.NaN);
    const values = Float32Array.from(members);
    const p = summarizeMembers({ members: values, prior: values, trainable: values }, 2, 1);
    expect(refusal(() => assertFinitePrediction(p)).message).toMatch(/rows 1, 2, 3, 4, 5 and 3 more are not finite/);
  });
});

describe("predictionInterval", () => {
  it("is mean ∓ k·std in float64", () => {
    const { lower, upper } = predictionInterval(prediction([0, 2, 1, 1, 4, 0]), 2);
    // Points: members (0, 1), (2, 4), (1, 0): means 0.5, 3, 0.5; stds 0.5, 1, 0.5.
    expect(Array.from(lower)).toEqual([-0.5, 1, -0.5]);
    expect(Array.from(upper)).toEqual([1.5, 5, 1.5]);
  });

  it("refuses bounds that overflow, naming the rows", () => {
    const error = refusal(() => predictionInterval(prediction([0, 2, 1, 4, 2, 1]), 1e308));
    expect(error.rows).toEqual([0]);
    expect(error.message).toBe("the interval mean ∓ 1e+308·std is not finite at row 1; choose a smaller k");
  });
});

describe("finiteJson", () => {
  it("writes JSON as JSON.stringify does", () => {
    const value = { a: [1, 2.5, null], b: { c: "x", d: -0 } };
    expect(finiteJson(value)).toBe(JSON.stringify(value));
    expect(finiteJson(value, 2)).toBe(JSON.stringify(value, null, 2));
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])(
    "refuses %s instead of writing null, naming where it is",
    (bad) => {
      const error = refusal(() => finiteJson({ report: { finalLosses: [0.1, bad] } }));
      expect(error.message).toBe(`report.finalLosses[1] is ${bad}, not a finite number; nothing was written`);
    },
  );
});
