import { describe, expect, it } from "vitest";
import { acceptedNumbers } from "./field-rules.js";
import { DEFAULT_VALUES, FIELDS, type FieldKey, type FieldValues, type NumberInput } from "./fields.js";
import { validateSettings } from "./validate-settings.js";

function messageFor(key: FieldKey, value: string): string | undefined {
  const values: FieldValues = { ...DEFAULT_VALUES, [key]: value };
  return validateSettings(values).errors[key];
}

const NUMBER_FIELDS = FIELDS.flatMap((field) =>
  field.input.kind === "number" ? [[field.key, field.label, field.input] as const] : [],
);

describe("the settings form's messages", () => {
  it.each([
    // The limits are core's spec schema's, as on the CLI; members and epochs have the schema's
    // playground budget as their maximum, so training in the tab stays interactive.
    ["members", "0", 'Members must be a whole number from 1 to 64; got "0"'],
    ["members", "65", 'Members must be a whole number from 1 to 64; got "65"'],
    ["members", "2.5", 'Members must be a whole number from 1 to 64; got "2.5"'],
    ["members", "", "Members must be a whole number from 1 to 64; it is blank"],
    ["epochs", "200000", 'Epochs must be a whole number from 0 to 100,000; got "200000"'],
    ["epochs", "-1", 'Epochs must be a whole number from 0 to 100,000; got "-1"'],
    ["priorScale", "-1", 'Prior scale β must be a number of at least 0; got "-1"'],
    ["priorScale", "3.5e38", "Prior scale β must be within the float32 range (±3.4028235e38), got 3.5e+38"],
    ["learningRate", "0", 'Learning rate must be a number above 0; got "0"'],
    ["learningRate", "abc", 'Learning rate must be a number above 0; got "abc"'],
    ["clipNorm", "0", 'Gradient clip must be a number above 0 (blank: no clipping); got "0"'],
    ["weightDecay", "-0.1", 'Weight decay must be a number of at least 0 (blank: none); got "-0.1"'],
    ["weightDecay", "abc", 'Weight decay must be a number of at least 0 (blank: none); got "abc"'],
    [
      "head",
      "poisson",
      'Output head "poisson" is not one of the choices: squared error (mean only); Gaussian (mean + noise)',
    ],
    ["seed", "-1", 'Seed must be a whole number from 0 to 9,007,199,254,740,991; got "-1"'],
    ["hidden", "16,x", 'Hidden widths must be whole numbers from 1 to 4,096, separated by commas; number 2 is "x"'],
    [
      "hidden",
      "16,,16",
      "Hidden widths must be whole numbers from 1 to 4,096, separated by commas; number 2 is missing",
    ],
    [
      "hidden",
      "16,5000",
      'Hidden widths must be whole numbers from 1 to 4,096, separated by commas; number 2 is "5000"',
    ],
    [
      "hidden",
      Array(17).fill(8).join(","),
      "Hidden widths takes at most 16 whole numbers from 1 to 4,096, separated by commas; got 17",
    ],
    ["activation", "swish", 'Activation "swish" is not one of the choices: elu; relu; tanh; gelu; identity'],
    [
      "bootstrap",
      "bernoulli:2",
      'Bootstrap "bernoulli:2" is not one of the choices: resample (with replacement); none (all the data); Bernoulli, p = 0.5; Poisson(1) weights; exponential(1) weights',
    ],
    [
      "backend",
      "tfjs:tpu",
      'Backend "tfjs:tpu" is not one of the choices: matrix: WebAssembly SIMD; tfjs: WebGPU; tfjs: WebGL; tfjs: WebAssembly; tfjs: plain JavaScript',
    ],
  ] as const)("%s = %j: %s", (key, value, message) => {
    expect(messageFor(key, value)).toBe(message);
  });

  it("never speaks of the spec's internal names or notation", () => {
    const bad = ["", "-1", "0", "1e9", "x", "2.5", "16,x", "swish"];
    for (const field of FIELDS) {
      for (const value of bad) {
        const message = messageFor(field.key, value) ?? "";
        expect(message).not.toMatch(
          /priorScale|optimizer\.|trainable\.|hiddenSizes|clipNorm|weightDecay|varianceFloor|gaussian|mse|2\^53|NaN|integer/,
        );
        if (message) expect(message.startsWith(field.label)).toBe(true);
      }
    }
  });

  it.each(NUMBER_FIELDS)("%s (%s) says the limits its control has", (key, label, input: NumberInput) => {
    const beyond = input.max === undefined ? input.min - 1 : input.max * 2 + 1;
    expect(messageFor(key, String(beyond))).toBe(
      `${label} must be ${acceptedNumbers(input)}; got ${JSON.stringify(String(beyond))}`,
    );
  });

  it.each(NUMBER_FIELDS)("%s: core accepts everything the form accepts, up to its limits", (key, _label, input) => {
    const lowest = input.aboveMin ? input.min + (input.integer ? 1 : 1e-9) : input.min;
    expect(messageFor(key, String(lowest))).toBeUndefined();
    // Unbounded above (the prior scale): as far as float32 goes.
    expect(messageFor(key, String(input.max ?? 3.4028235e38))).toBeUndefined();
    if (input.aboveMin) expect(messageFor(key, String(input.min))).toBeDefined();
  });

  it("accepts a shared link's bootstrap the list lacks when core takes it", () => {
    expect(messageFor("bootstrap", "bernoulli:0.3")).toBeUndefined();
    expect(validateSettings({ ...DEFAULT_VALUES, bootstrap: "bernoulli:0.3" }).spec?.bootstrap).toEqual({
      kind: "bernoulli",
      p: 0.3,
    });
  });

  it("accepts the notebook's defaults and builds their spec", () => {
    const { errors, spec } = validateSettings(DEFAULT_VALUES);
    expect(errors).toEqual({});
    expect(spec).toMatchObject({ members: 9, priorScale: 3, epochs: 3000, seed: 0, head: "mse", weightDecay: 0 });
  });

  it("builds the Gaussian head and a weight decay into the spec; a blank or 0 decay is none", () => {
    const gaussian = validateSettings({ ...DEFAULT_VALUES, head: "gaussian", weightDecay: "0.01" });
    expect(gaussian.errors).toEqual({});
    expect(gaussian.spec).toMatchObject({ head: "gaussian", weightDecay: 0.01 });
    expect(validateSettings({ ...DEFAULT_VALUES, weightDecay: "0" }).spec).toMatchObject({ weightDecay: 0 });
    expect(validateSettings({ ...DEFAULT_VALUES, weightDecay: " " }).spec).toMatchObject({ weightDecay: 0 });
  });
});
