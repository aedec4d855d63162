import { describe, expect, it } from "vitest";
import { ACTIVATION_NAMES, getActivation, isActivationName } from "./activations.js";

const POINTS = [-3, -1.2, -0.3, -1e-3, 0.25, 0.9, 2.5];

describe("activations", () => {
  it("elu is exp(z) - 1 below zero and z above", () => {
    const elu = getActivation("elu");
    expect(elu.forward(2)).toBe(2);
    expect(elu.forward(-1)).toBeCloseTo(Math.exp(-1) - 1, 15);
    expect(elu.forward(0)).toBe(0);
    expect(elu.forward(-50)).toBeCloseTo(-1, 12);
  });

  it("relu clips at zero", () => {
    const relu = getActivation("relu");
    expect(relu.forward(-2)).toBe(0);
    expect(relu.forward(3.5)).toBe(3.5);
  });

  it("tanh is Math.tanh", () => {
    expect(getActivation("tanh").forward(0.7)).toBe(Math.tanh(0.7));
  });

  it("gelu is the tanh approximation (JAX's approximate=True)", () => {
    const gelu = getActivation("gelu");
    const z = 1.3;
    const expected = 0.5 * z * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (z + 0.044715 * z ** 3)));
    expect(gelu.forward(z)).toBeCloseTo(expected, 14);
    expect(gelu.forward(0)).toBe(0);
    // Known value of the approximation: gelu(1) ≈ 0.841192.
    expect(gelu.forward(1)).toBeCloseTo(0.841192, 6);
    expect(gelu.forward(-6)).toBeCloseTo(0, 6);
  });

  it("identity returns its input", () => {
    expect(getActivation("identity").forward(-4.25)).toBe(-4.25);
  });

  for (const name of ACTIVATION_NAMES) {
    it(`${name}: derivative matches a central finite difference`, () => {
      const activation = getActivation(name);
      const h = 1e-6;
      for (const z of POINTS) {
        const numeric = (activation.forward(z + h) - activation.forward(z - h)) / (2 * h);
        expect(activation.derivative(z, activation.forward(z))).toBeCloseTo(numeric, 6);
      }
    });
  }

  it("every listed name resolves to an activation of that name", () => {
    for (const name of ACTIVATION_NAMES) expect(getActivation(name).name).toBe(name);
    expect(isActivationName("elu")).toBe(true);
    expect(isActivationName("ELU")).toBe(false);
    expect(isActivationName("sigmoid")).toBe(false);
    expect(isActivationName(3)).toBe(false);
  });
});
