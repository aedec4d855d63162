import { describe, expect, expectTypeOf, it, vi } from "vitest";
import * as errors from "./errors.js";
import {
  AbortedError,
  BackendUnavailableError,
  DataError,
  DivergenceError,
  InvalidArgumentError,
  isRpfError,
  JobFailedError,
  ModelFormatError,
  NonFiniteOutputError,
  RpfError,
  rpfErrorSubclass,
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
    expect(ErrorClass.isInstance(error)).toBe(true);
    expect(RpfError.isInstance(error)).toBe(true);
  });

  it("AbortedError is named AbortError, as the platform's aborts are, and keeps code 'aborted'", () => {
    const error = new AbortedError();
    expect(error.code).toBe("aborted");
    expect(error.message).toMatch(/aborted/);
    expect(error.name).toBe("AbortError");
    // The name a DOMException abort has: code written for those recognises rpf's alike.
    const controller = new AbortController();
    controller.abort();
    expect(error.name).toBe((controller.signal.reason as Error).name);
    expect(AbortedError.isInstance(error)).toBe(true);
    expect(AbortedError.isInstance(controller.signal.reason)).toBe(false);
  });

  it("details default to an empty object", () => {
    expect(new DataError("x").details).toEqual({});
  });

  it("DivergenceError and NonFiniteOutputError carry their numbers in details too", () => {
    expect(new DivergenceError(2, 17).details).toEqual({ field: "optimizer.learningRate", member: 2, epoch: 17 });
    expect(new NonFiniteOutputError("x", { field: "x" }, [1, 4]).details).toEqual({ field: "x", rows: [1, 4] });
    expect(new NonFiniteOutputError("x", { field: "sigmas" }).details).toEqual({ field: "sigmas" });
  });

  it("JobFailedError names the job in its message and details, with its cause's message", () => {
    const error = new JobFailedError("abc.m3+1", undefined, {}, new Error("worker lost"));
    expect(error.code).toBe("job_failed");
    expect(error.job).toBe("abc.m3+1");
    expect(error.details).toEqual({ job: "abc.m3+1" });
    expect(error.message).toMatch(/job abc\.m3\+1 failed: worker lost/);
  });
});

/** One instance of every class, each made with a cause given as its last argument. */
function everyErrorWithCause(cause: unknown): RpfError[] {
  return [
    new RpfError("unsupported", "m", {}, cause),
    new InvalidArgumentError("m", {}, cause),
    new DataError("m", {}, cause),
    new ShapeError("m", {}, cause),
    new ModelFormatError("m", {}, cause),
    new UnsupportedError("m", {}, cause),
    new BackendUnavailableError("m", {}, cause),
    new AbortedError("m", {}, cause),
    new DivergenceError(0, 1, cause),
    new NonFiniteOutputError("m", {}, [], cause),
    new JobFailedError("job-1", "m", {}, cause),
  ];
}

describe("cause", () => {
  it("every class takes a cause as its last argument and keeps it as Error.cause", () => {
    const cause = new SyntaxError("bad json");
    const made = everyErrorWithCause(cause);
    expect(made.map((error) => error.name).sort()).toEqual(
      ERROR_CLASSES.map(([name]) => EXPECTED_NAME[name] ?? name).sort(),
    );
    for (const error of made) expect(error.cause, error.name).toBe(cause);
  });

  it("an error made without one has no cause property", () => {
    for (const error of everyErrorWithCause(undefined)) expect(error, error.name).not.toHaveProperty("cause");
  });

  it("throwIfAborted gives the signal's reason as the cause", () => {
    const controller = new AbortController();
    const reason = new Error("the user pressed Stop");
    controller.abort(reason);
    expect(() => throwIfAborted(controller.signal)).toThrow(expect.objectContaining({ cause: reason }));
  });
});

/** Every error class errors.ts exports, found from the module itself so a new one cannot be missed. */
const ERROR_CLASSES = (Object.entries(errors) as [string, unknown][]).filter(
  (entry): entry is [string, new (...args: never[]) => Error] =>
    typeof entry[1] === "function" && entry[1].prototype instanceof Error,
);

/** Classes whose name is not their class's: an abort takes the platform's name. */
const EXPECTED_NAME: Record<string, string> = { AbortedError: "AbortError" };

describe("error names survive minification", () => {
  it("finds every error class", () => {
    expect(ERROR_CLASSES.map(([name]) => name).sort()).toEqual([
      "AbortedError",
      "BackendUnavailableError",
      "DataError",
      "DivergenceError",
      "InvalidArgumentError",
      "JobFailedError",
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
      expect(Reflect.construct(ErrorClass, ["m"]).name).toBe(EXPECTED_NAME[exported] ?? exported);
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

describe("isInstance across two copies of the package", () => {
  it.each(ERROR_CLASSES)("%s.isInstance knows its own instances from a second copy, and no others", async (name) => {
    // A second copy of errors.ts, as two versions in node_modules or two bundles would hold.
    vi.resetModules();
    const copy = (await import("./errors.js")) as unknown as Record<string, typeof RpfError>;
    const ThisCopy = (errors as unknown as Record<string, typeof RpfError>)[name]!;
    const OtherCopy = copy[name]!;
    expect(OtherCopy).not.toBe(ThisCopy);
    const theirs = Reflect.construct(OtherCopy, ["m"]) as RpfError;
    expect(theirs instanceof ThisCopy).toBe(false);
    expect(ThisCopy.isInstance(theirs)).toBe(true);
    expect(isRpfError(theirs)).toBe(true);
    // Every other class of this copy refuses it, except its ancestor RpfError.
    for (const [other, OtherClass] of ERROR_CLASSES) {
      if (other === name || other === "RpfError") continue;
      expect((OtherClass as unknown as typeof RpfError).isInstance(theirs), `${other}.isInstance`).toBe(false);
    }
  });

  it("marks each instance with its class's global symbol and its ancestors'", () => {
    const error = new InvalidArgumentError("m");
    expect(Symbol.for("rpf.error.InvalidArgumentError") in error).toBe(true);
    expect(Symbol.for("rpf.error") in error).toBe(true);
    expect(Symbol.for("rpf.error.DataError") in error).toBe(false);
  });

  it("refuses plain errors and lookalikes", () => {
    for (const [, ErrorClass] of ERROR_CLASSES) {
      const isInstance = (ErrorClass as unknown as typeof RpfError).isInstance;
      expect(isInstance(new Error("plain"))).toBe(false);
      expect(isInstance({ name: "InvalidArgumentError", code: "invalid_argument" })).toBe(false);
      expect(isInstance(null)).toBe(false);
    }
  });
});

describe("the classes' types", () => {
  it("are distinct: one class's instance is not another's", () => {
    expectTypeOf<InvalidArgumentError>().not.toExtend<DataError>();
    expectTypeOf<DataError>().not.toExtend<InvalidArgumentError>();
    expectTypeOf<AbortedError>().not.toExtend<ShapeError>();
    expectTypeOf<RpfError>().not.toExtend<UnsupportedError>();
    expectTypeOf<ModelFormatError>().toExtend<RpfError>();
    expectTypeOf<InvalidArgumentError["code"]>().toEqualTypeOf<"invalid_argument">();
  });

  it("isInstance narrows to its own class, called on it, detached or as a callback", () => {
    const thrown: unknown = new DivergenceError(3, 9);
    if (!DivergenceError.isInstance(thrown)) throw new Error("not recognised");
    expectTypeOf(thrown).toEqualTypeOf<DivergenceError>();
    expect([thrown.member, thrown.epoch]).toEqual([3, 9]);
    const isShapeError = ShapeError.isInstance;
    const caught: unknown[] = [new ShapeError("s"), new DataError("d"), new Error("e")];
    const shapes = caught.filter(isShapeError);
    expectTypeOf(shapes).toEqualTypeOf<ShapeError[]>();
    expect(shapes.map((error) => error.message)).toEqual(["s"]);
    expectTypeOf(NonFiniteOutputError.isInstance).guards.toEqualTypeOf<NonFiniteOutputError>();
  });
});

describe("rpfErrorSubclass: a more specific kind of an rpf error, as other packages make", () => {
  class PlaceGoneError extends rpfErrorSubclass(BackendUnavailableError, "PlaceGoneError") {}
  class NoOneThereError extends rpfErrorSubclass(BackendUnavailableError, "NoOneThereError") {}

  it("keeps the base's code, details and cause, and names itself with its literal", () => {
    const cause = new Error("refused");
    const error = new PlaceGoneError("gone", { where: "redis://h:1" }, cause);
    expect([error.name, error.code, error.message]).toEqual(["PlaceGoneError", "backend_unavailable", "gone"]);
    expect(error.details).toEqual({ where: "redis://h:1" });
    expect(error.cause).toBe(cause);
    expect(error instanceof BackendUnavailableError && error instanceof RpfError).toBe(true);
    Object.defineProperty(PlaceGoneError, "name", { value: "N", configurable: true });
    expect(new PlaceGoneError("m").name).toBe("PlaceGoneError");
  });

  it("isInstance knows its own instances, also from a second copy, and the base knows them too", async () => {
    vi.resetModules();
    const copy = await import("./errors.js");
    const theirs = new (copy.rpfErrorSubclass(copy.BackendUnavailableError, "PlaceGoneError"))("m");
    for (const error of [new PlaceGoneError("m"), theirs]) {
      expect(PlaceGoneError.isInstance(error)).toBe(true);
      expect(BackendUnavailableError.isInstance(error)).toBe(true);
      expect(NoOneThereError.isInstance(error)).toBe(false);
      expect(isRpfError(error)).toBe(true);
    }
    expect(PlaceGoneError.isInstance(new BackendUnavailableError("m"))).toBe(false);
    expect(PlaceGoneError.isInstance({ name: "PlaceGoneError" })).toBe(false);
  });

  it("gives each subclass a type of its own, which its isInstance narrows to", () => {
    expectTypeOf<PlaceGoneError>().not.toExtend<NoOneThereError>();
    expectTypeOf<PlaceGoneError>().toExtend<BackendUnavailableError>();
    expectTypeOf(PlaceGoneError.isInstance).guards.toExtend<PlaceGoneError>();
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
