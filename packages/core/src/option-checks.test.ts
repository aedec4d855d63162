import { describe, expect, it } from "vitest";
import { checkFiniteAtLeastZero } from "./option-checks.js";

describe("checkFiniteAtLeastZero", () => {
  it("passes 0, a positive number and undefined (the default applies)", () => {
    for (const value of [0, 2.5, undefined]) expect(() => checkFiniteAtLeastZero(value, "wait")).not.toThrow();
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])("refuses %s, naming the field and what is accepted", (value) => {
    expect(() => checkFiniteAtLeastZero(value, "checkpointSeconds", "seconds")).toThrow(
      expect.objectContaining({
        code: "invalid_argument",
        message: `checkpointSeconds must be a finite number >= 0, got ${value}`,
        details: expect.objectContaining({ field: "checkpointSeconds", accepted: "seconds, a finite number >= 0" }),
      }),
    );
  });
});
