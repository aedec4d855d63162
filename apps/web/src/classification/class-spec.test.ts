import { describe, expect, it } from "vitest";
import { DEFAULT_VALUES } from "../settings/fields.js";
import { validateSettings } from "../settings/validate-settings.js";
import { classificationSettings } from "./class-spec.js";

describe("classificationSettings", () => {
  it("trains the form's ensemble with two inputs, K logits and the categorical head, whatever the head control says", () => {
    const judged = classificationSettings(validateSettings({ ...DEFAULT_VALUES, head: "gaussian" }), 2);
    expect(judged.errors).toEqual({});
    expect(judged.spec).toMatchObject({ inputSize: 2, outputSize: 2, head: "categorical", members: 9, epochs: 3000 });
  });

  it("puts core's refusal of standardizing y under the Standardize field, in its words", () => {
    const judged = classificationSettings(validateSettings({ ...DEFAULT_VALUES, standardize: "xy" }), 2);
    expect(judged.spec).toBeNull();
    expect(Object.keys(judged.errors)).toEqual(["standardize"]);
    expect(judged.errors.standardize).toMatch(/^Standardi[sz]e.*"xy".*categorical/);
  });

  it("leaves settings the form already refused as they are", () => {
    const refused = validateSettings({ ...DEFAULT_VALUES, members: "0" });
    expect(classificationSettings(refused, 2)).toBe(refused);
  });
});
