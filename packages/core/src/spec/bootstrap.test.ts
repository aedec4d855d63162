import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../errors.js";
import {
  BOOTSTRAP_FORMS,
  type BootstrapSpec,
  formatBootstrap,
  parseBootstrap,
  validateBootstrap,
} from "./bootstrap.js";

describe("parseBootstrap", () => {
  it.each<[string, BootstrapSpec]>([
    ["none", { kind: "none" }],
    ["resample", { kind: "resample" }],
    ["poisson", { kind: "poisson" }],
    ["exponential", { kind: "exponential" }],
    ["bernoulli:0.3", { kind: "bernoulli", p: 0.3 }],
    ["bernoulli:1", { kind: "bernoulli", p: 1 }],
    ["bernoulli", { kind: "bernoulli", p: 0.5 }],
    ["  resample\n", { kind: "resample" }],
  ])("parses %j", (text, expected) => {
    expect(parseBootstrap(text)).toEqual(expected);
  });

  it.each([
    ["", /unknown bootstrap ""/],
    ["bagging", /unknown bootstrap "bagging"/],
    ["Resample", /unknown bootstrap "Resample"/],
    ["resample:2", /unknown bootstrap "resample:2"/],
    ["none:", /unknown bootstrap "none:"/],
    ["bernoulli:0.3:1", /unknown bootstrap "bernoulli:0.3:1"/],
    ["bernoulli:0", /probability must be in \(0, 1\], got 0/],
    ["bernoulli:1.5", /probability must be in \(0, 1\], got 1\.5/],
    ["bernoulli:-0.2", /got -0\.2/],
    ["bernoulli:abc", /got NaN/],
  ])("rejects %j", (text, message) => {
    let caught: unknown;
    try {
      parseBootstrap(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidArgumentError);
    expect((caught as Error).message).toMatch(message);
    expect((caught as InvalidArgumentError).details).toMatchObject({ field: "bootstrap", accepted: BOOTSTRAP_FORMS });
  });
});

describe("formatBootstrap", () => {
  it.each<BootstrapSpec>([
    { kind: "none" },
    { kind: "resample" },
    { kind: "poisson" },
    { kind: "exponential" },
    { kind: "bernoulli", p: 0.25 },
  ])("round-trips %j through parseBootstrap", (spec) => {
    expect(parseBootstrap(formatBootstrap(spec))).toEqual(spec);
  });
});

describe("validateBootstrap", () => {
  it("strips unknown fields from a valid spec", () => {
    expect(validateBootstrap({ kind: "resample", extra: 1 } as unknown as BootstrapSpec)).toEqual({ kind: "resample" });
  });

  it("rejects an unknown kind and a bernoulli without a numeric p", () => {
    expect(() => validateBootstrap({ kind: "jackknife" } as unknown as BootstrapSpec)).toThrow(InvalidArgumentError);
    expect(() => validateBootstrap({ kind: "bernoulli", p: "0.5" } as unknown as BootstrapSpec)).toThrow(/got "0\.5"/);
  });
});
