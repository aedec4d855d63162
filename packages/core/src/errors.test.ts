import { describe, expect, it } from "vitest";
import * as errors from "./errors.js";
import {
  AbortedError,
  BackendUnavailableError,
  DataError,
  InvalidArgumentError,
  isRpfError,
  ModelFormatError,
  NonFiniteOutputError,
  RpfError,
  ShapeError,
  throwIfAborted,
  UnsupportedError,
} from "./errors.js";

const CASES = [
  [InvalidArgumentError, "invalid_argument"],
  [DataError, "invalid_data"],
  [ShapeError, "shape_mismatch"],
  [ModelFormatError, "invalid_model_file"],
  [UnsupportedError, "unsupported"],
  [BackendUnavailableError, "backend_unavailable"],
  [NonFiniteOutputError, "non_finite_output"],
] as const;

describe("typed errors", () => {
  it.each(CASES)("%o has code %s, its own name, and is an RpfError", (ErrorClass, code) => {
    const error = new ErrorClass("went wrong", { field: "f", accepted: "a, b", where: "x.csv:3" });
    expect(error.code).toBe(code);
    expect(error.name).toBe(ErrorClass.name);
    expect(error.message).toBe("went wrong");
    expect(error.details).toEqual({ field: "f", accepted: "a, b", where: "x.csv:3" });
    expect(error).toBeInstanceOf(RpfError);
    expect(error).toBeInstanceOf(Error);
    expect(isRpfError(error)).toBe(true);
  });

  it("AbortedError has a default message and code 'aborted'", () => {
    const error = new AbortedError();
    expect(error.code).toBe("aborted");
    expect(error.message).toMatch(/aborted/);
    expect(error.name).toBe("AbortedError");
  });

  it("details default to an empty object", () => {
    expect(new DataError("x").details).toEqual({});
  });

  it("ModelFormatError keeps its cause", () => {
    const cause = new SyntaxError("bad json");
    expect(new ModelFormatError("bad file", {}, cause).cause).toBe(cause);
    expect(new ModelFormatError("bad file")).not.toHaveProperty("cause");
  });
});

/** Every error class errors.ts exports, found from the module itself so a new one cannot be missed. */
const ERROR_CLASSES = (Object.entries(errors) as [string, unknown][]).filter(
  (entry): entry is [string, new (...args: never[]) => Error] =>
    typeof entry[1] === "function" && entry[1].prototype instanceof Error,
);

describe("error names survive minification", () => {
  it("finds every error class", () => {
    expect(ERROR_CLASSES.map(([name]) => name).sort()).toEqual([
      "AbortedError",
      "BackendUnavailableError",
      "DataError",
      "DivergenceError",
      "InvalidArgumentError",
      "ModelFormatError",
      "NonFiniteOutputError",
      "RpfError",
      "ShapeError",
      "UnsupportedError",
    ]);
  });

  it.each(ERROR_CLASSES)("%s names itself with a literal, not its (minifiable) class name", (exported, ErrorClass) => {
    // As a minifier would: the class is called "N". A class without a literal of its own shows
    // "N" (from new.target.name) or its parent's literal.
    Object.defineProperty(ErrorClass, "name", { value: "N", configurable: true });
    try {
      expect(Reflect.construct(ErrorClass, ["m"]).name).toBe(exported);
    } finally {
      Object.defineProperty(ErrorClass, "name", { value: exported, configurable: true });
    }
  });
});

describe("isRpfError", () => {
  it("rejects plain errors and non-errors", () => {
    expect(isRpfError(new Error("plain"))).toBe(false);
    expect(isRpfError(new TypeError("type"))).toBe(false);
    expect(isRpfError({ code: "invalid_argument", message: "lookalike" })).toBe(false);
    expect(isRpfError(null)).toBe(false);
    expect(isRpfError(undefined)).toBe(false);
    expect(isRpfError("invalid_argument")).toBe(false);
  });

  it("recognises an error from another copy of the package by its global marker", () => {
    const foreign = Object.assign(new Error("from another copy"), { [Symbol.for("rpf.error")]: true });
    expect(isRpfError(foreign)).toBe(true);
    expect(foreign instanceof RpfError).toBe(false);
  });
});

describe("throwIfAborted", () => {
  it("throws AbortedError only once the signal has fired", () => {
    const controller = new AbortController();
    expect(() => throwIfAborted(controller.signal)).not.toThrow();
    expect(() => throwIfAborted(undefined)).not.toThrow();
    controller.abort();
    expect(() => throwIfAborted(controller.signal)).toThrow(AbortedError);
  });
});
