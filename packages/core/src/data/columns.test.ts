import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../errors.js";
import { assertDistinctNames, matchInputColumns, repeatedNames } from "./columns.js";

const strict = { label: "--x-cols", allowExtra: false };

describe("matchInputColumns", () => {
  it("gives each model column's position among the given names, in the model's order", () => {
    expect(matchInputColumns(["a", "b"], ["b", "a"], strict)).toEqual([1, 0]);
    expect(matchInputColumns(["a", "b"], ["a", "b"], strict)).toEqual([0, 1]);
    expect(matchInputColumns(["a", "b"], ["id", "b", "y", "a"], { label: "header", allowExtra: true })).toEqual([3, 1]);
  });

  it.each([
    ["a name the model lacks", ["a", "c"], "missing b; not in the model: c"],
    ["a missing name", ["a"], "missing b"],
    ["a repeated name", ["a", "b", "a"], "repeated: a"],
  ])("refuses %s as a usage error listing both sets", (_label, given, problem) => {
    const call = () => matchInputColumns(["a", "b"], given, strict);
    expect(call).toThrow(InvalidArgumentError);
    expect(call).toThrow(
      `--x-cols gives columns ${given.join(", ")}; the model's input columns are a, b (${problem}); inputs are matched to the model by name`,
    );
  });

  it("lets a header carry extra columns but not lack one", () => {
    expect(() => matchInputColumns(["a", "b"], ["a", "y"], { label: "in.csv's header", allowExtra: true })).toThrow(
      /in\.csv's header gives columns a, y; the model's input columns are a, b \(missing b\)/,
    );
  });

  it("undoes any shuffle of the model's columns (property)", () => {
    const names = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(
        names.chain((model) => fc.tuple(fc.constant(model), fc.shuffledSubarray(model, { minLength: model.length }))),
        ([model, shuffled]) => {
          const indices = matchInputColumns(model, shuffled, strict);
          expect(indices.map((i) => shuffled[i])).toEqual(model);
        },
      ),
    );
  });
});

describe("repeatedNames / assertDistinctNames", () => {
  it("lists each repeated name once", () => {
    expect(repeatedNames(["a", "b", "a", "a", "b", "c"])).toEqual(["a", "b"]);
    expect(repeatedNames(["a", "b"])).toEqual([]);
  });

  it("refuses a repeat, naming it", () => {
    expect(() => assertDistinctNames(["x", "x"], "--x-cols")).toThrow('--x-cols repeats "x"; name each column once');
    expect(() => assertDistinctNames(["x", "y"], "--x-cols")).not.toThrow();
  });
});
