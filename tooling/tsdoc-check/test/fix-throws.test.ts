import { describe, expect, it } from "vitest";
import { braceThrowsTags } from "../src/fix-throws.js";

const known = new Set(["ShapeError", "DataError", "InvalidArgumentError", "RangeError"]);

describe("braceThrowsTags", () => {
  it("braces a run of known error classes, one or several, with or without a colon", () => {
    expect(braceThrowsTags(" * @throws ShapeError for a bad length.", known)).toBe(
      " * @throws {ShapeError} for a bad length.",
    );
    expect(braceThrowsTags(" * @throws ShapeError, DataError: as createEnsemble.", known)).toBe(
      " * @throws {ShapeError | DataError} as createEnsemble.",
    );
    expect(braceThrowsTags("/** @throws InvalidArgumentError once disposed. */", known)).toBe(
      "/** @throws {InvalidArgumentError} once disposed. */",
    );
  });

  it("leaves braced tags, unknown names and prose alone", () => {
    for (const line of [
      " * @throws {ShapeError} for a bad length.",
      " * @throws NotAnError for a bad length.",
      " * @throws ShapeError, Other for a bad length.",
      " * @throws when the file is empty.",
    ]) {
      expect(braceThrowsTags(line, known)).toBe(line);
    }
  });
});
