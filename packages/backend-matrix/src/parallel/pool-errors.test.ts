import { InvalidArgumentError, isRpfError, RpfError, resolveEnsembleSpec } from "@rpf/core";
import { initEnsembleParams } from "@rpf/core/backend";
import { describe, expect, it } from "vitest";
import { GroupClient } from "./group-client.js";
import { ParallelMatrixHandle } from "./parallel-matrix-handle.js";

/**
 * Errors thrown inside a member worker reach the caller as core's serialized form, revived: the
 * same class, code and details as thrown there (structured cloning alone keeps neither).
 */
describe("errors from the matrix worker pool", () => {
  it("an InvalidArgumentError thrown in a worker arrives as an InvalidArgumentError with its code and details", async () => {
    const spec = resolveEnsembleSpec({ members: 4, epochs: 3, seed: 1 });
    const handle = await ParallelMatrixHandle.create({ spec, params: initEnsembleParams(spec) }, 2);
    try {
      // Each worker's handle refuses to train before prepareTraining, with an InvalidArgumentError.
      const caught = await handle.trainEpochs(3).then(
        () => null,
        (error: unknown) => error,
      );
      expect(caught).toBeInstanceOf(InvalidArgumentError);
      expect(InvalidArgumentError.isInstance(caught)).toBe(true);
      const error = caught as InvalidArgumentError;
      expect(error.name).toBe("InvalidArgumentError");
      expect(error.code).toBe("invalid_argument");
      expect(error.details).toEqual({ field: "prepareTraining" });
      expect(error.message).toBe("call prepareTraining before training");
    } finally {
      await handle.dispose();
    }
  });

  it("an error that is not rpf's arrives as a plain Error with its name and message", async () => {
    const group = new GroupClient(0, 1);
    try {
      const caught = await group.request({ kind: "params" }).then(
        () => null,
        (error: unknown) => error,
      );
      expect(caught).toBeInstanceOf(Error);
      expect(caught).not.toBeInstanceOf(RpfError);
      expect(isRpfError(caught)).toBe(false);
      expect(caught).toMatchObject({ name: "Error", message: "member worker used before init" });
    } finally {
      await group.terminate();
    }
  });
});
