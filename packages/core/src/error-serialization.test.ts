import { describe, expect, it, vi } from "vitest";
import { deserializeError, type SerializedError, serializeError } from "./error-serialization.js";
import * as errors from "./errors.js";
import {
  AbortedError,
  BackendUnavailableError,
  DataError,
  DivergenceError,
  InvalidArgumentError,
  JobFailedError,
  ModelFormatError,
  NonFiniteOutputError,
  RpfError,
  ShapeError,
  UnsupportedError,
} from "./errors.js";

/** An error class of any constructor's shape, with its static isInstance. */
type ErrorClass = (abstract new (...args: never[]) => RpfError) & { isInstance(value: unknown): boolean };

/** One error of every class, with details of every kind its class uses. */
const EVERY_CLASS: readonly [ErrorClass, RpfError][] = [
  [RpfError, new RpfError("unsupported", "plain rpf error", { field: "f" })],
  [InvalidArgumentError, new InvalidArgumentError("bad --beta", { field: "beta", accepted: "a number ≥ 0" })],
  [DataError, new DataError("no rows", { where: "x.csv:3" })],
  [ShapeError, new ShapeError("x has 3 values", { field: "x", accepted: "a multiple of 2" })],
  [ModelFormatError, new ModelFormatError("truncated", { where: "m.json" })],
  [UnsupportedError, new UnsupportedError("onnx cannot train", { field: "backend" })],
  [BackendUnavailableError, new BackendUnavailableError("no webgpu", { accepted: "cpu, wasm" })],
  [AbortedError, new AbortedError("stopped after epoch 3")],
  [DivergenceError, new DivergenceError(4, 120)],
  [NonFiniteOutputError, new NonFiniteOutputError("rows 2 and 5", { field: "x" }, [1, 4])],
  [JobFailedError, new JobFailedError("abc.def.e6.m3+1")],
];

/** As a worker boundary would carry it: structured cloning keeps only plain data. */
function acrossBoundary(error: unknown): Error {
  return deserializeError(structuredClone(serializeError(error)));
}

describe("serializeError / deserializeError", () => {
  it("covers every error class errors.ts exports", () => {
    const exported = Object.values(errors).filter(
      (value) => typeof value === "function" && (value === RpfError || value.prototype instanceof RpfError),
    );
    expect(new Set(EVERY_CLASS.map(([ErrorClass]) => ErrorClass))).toEqual(new Set(exported));
  });

  it.each(EVERY_CLASS)(
    "%o survives the round trip with its class, name, code, message and details",
    (ErrorClass, error) => {
      const serialized = serializeError(error);
      expect(serialized).toEqual({
        name: error.name,
        code: error.code,
        message: error.message,
        details: error.details,
      });
      // Plain JSON: nothing is lost in text either.
      expect(JSON.parse(JSON.stringify(serialized))).toEqual(serialized);
      for (const revived of [acrossBoundary(error), deserializeError(JSON.parse(JSON.stringify(serialized)))]) {
        expect(revived).toBeInstanceOf(ErrorClass);
        expect(ErrorClass.isInstance(revived)).toBe(true);
        expect(revived).toMatchObject({ name: error.name, code: error.code, message: error.message });
        expect((revived as RpfError).details).toEqual(error.details);
        expect(revived).not.toHaveProperty("cause");
      }
    },
  );

  it("keeps the numbers of DivergenceError and NonFiniteOutputError on their own fields", () => {
    const diverged = acrossBoundary(new DivergenceError(4, 120)) as DivergenceError;
    expect([diverged.member, diverged.epoch]).toEqual([4, 120]);
    expect((acrossBoundary(new NonFiniteOutputError("m", {}, [1, 4])) as NonFiniteOutputError).rows).toEqual([1, 4]);
  });

  it("an abort arrives named AbortError with code 'aborted'", () => {
    const revived = acrossBoundary(new AbortedError());
    expect(revived.name).toBe("AbortError");
    expect(revived).toMatchObject({ code: "aborted" });
    expect(AbortedError.isInstance(revived)).toBe(true);
  });

  it("keeps a chain of causes, rpf's and others'", () => {
    const root = new SyntaxError("Unexpected end of JSON input");
    const middle = new ModelFormatError("model.json is truncated", { where: "model.json" }, root);
    const top = new InvalidArgumentError("--model cannot be read", { field: "model" }, middle);
    const serialized = serializeError(top);
    expect(serialized.cause).toEqual({
      name: "ModelFormatError",
      code: "invalid_model_file",
      message: "model.json is truncated",
      details: { where: "model.json" },
      cause: { name: "SyntaxError", code: null, message: "Unexpected end of JSON input", details: {} },
    });
    const revived = acrossBoundary(top);
    expect(InvalidArgumentError.isInstance(revived)).toBe(true);
    const cause = revived.cause as ModelFormatError;
    expect(ModelFormatError.isInstance(cause)).toBe(true);
    expect(cause.details).toEqual({ where: "model.json" });
    expect(cause.cause).toMatchObject({ name: "SyntaxError", message: "Unexpected end of JSON input" });
  });

  it("a cycle of causes is cut, not followed forever", () => {
    const error = new DataError("loops");
    Object.defineProperty(error, "cause", { value: error });
    let depth = 0;
    for (let at: SerializedError | undefined = serializeError(error); at; at = at.cause) depth++;
    expect(depth).toBe(17);
  });
});

describe("errors that are not rpf's", () => {
  it("a foreign error keeps its name, message and string code, and revives as a plain Error", () => {
    const enoent = Object.assign(new Error("ENOENT: no such file, open 'x.csv'"), { code: "ENOENT", path: "x.csv" });
    const serialized = serializeError(enoent);
    expect(serialized).toEqual({
      name: "Error",
      code: "ENOENT",
      message: "ENOENT: no such file, open 'x.csv'",
      details: {},
    });
    const revived = acrossBoundary(new TypeError("x is not a function"));
    expect(revived).toBeInstanceOf(Error);
    expect(errors.isRpfError(revived)).toBe(false);
    expect(revived).toMatchObject({ name: "TypeError", message: "x is not a function" });
  });

  it("a foreign error whose code is one of rpf's does not revive as rpf's", () => {
    const lookalike = Object.assign(new Error("some library aborted"), { code: "aborted" });
    expect(serializeError(lookalike).code).toBeNull();
    expect(errors.isRpfError(acrossBoundary(lookalike))).toBe(false);
  });

  it.each([
    ["a string", "went wrong", "went wrong"],
    ["a number", 42, "42"],
    ["undefined", undefined, "undefined"],
    ["an object", { status: 500 }, '{"status":500}'],
  ])("a thrown %s becomes its text", (_, thrown, message) => {
    expect(serializeError(thrown)).toEqual({ name: "Error", code: null, message, details: {} });
  });

  it("an unknown code (a newer rpf's) revives as a plain Error keeping name and code", () => {
    const revived = deserializeError({ name: "QuotaError", code: "quota_exceeded", message: "too many", details: {} });
    expect(errors.isRpfError(revived)).toBe(false);
    expect(revived).toMatchObject({ name: "QuotaError", code: "quota_exceeded", message: "too many" });
  });

  it("a value that is not a serialized error still gives an Error", () => {
    expect(deserializeError(null)).toBeInstanceOf(Error);
    expect(deserializeError("boom").message).toBe("boom");
    expect(deserializeError({ code: 7, message: 3 })).toBeInstanceOf(Error);
  });

  it("details of the wrong types are dropped, not trusted", () => {
    const revived = deserializeError({
      name: "DataError",
      code: "invalid_data",
      message: "m",
      details: { field: 3, where: "x.csv", rows: [1, "2"], member: -1, extra: { toJSON: "no" } },
    }) as DataError;
    expect(DataError.isInstance(revived)).toBe(true);
    expect(revived.details).toEqual({ where: "x.csv" });
  });

  it("a DivergenceError without its numbers degrades to an RpfError of code 'diverged'", () => {
    const revived = deserializeError({ name: "DivergenceError", code: "diverged", message: "diverged", details: {} });
    expect(revived).toBeInstanceOf(RpfError);
    expect(revived).toMatchObject({ code: "diverged", message: "diverged" });
  });
});

describe("across two copies of the package", () => {
  it("an error serialized by one copy revives as the other copy's class", async () => {
    vi.resetModules();
    const other = await import("./error-serialization.js");
    const otherErrors = await import("./errors.js");
    expect(otherErrors.InvalidArgumentError).not.toBe(InvalidArgumentError);
    const sent = new otherErrors.InvalidArgumentError("bad", { field: "beta" });
    const revived = deserializeError(other.serializeError(sent));
    expect(revived).toBeInstanceOf(InvalidArgumentError);
    expect((revived as InvalidArgumentError).details).toEqual({ field: "beta" });
  });
});
