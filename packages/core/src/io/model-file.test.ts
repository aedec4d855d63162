import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { describe, expect, it } from "vitest";
import { identityStandardizer } from "../data/standardizer.js";
import { InvalidArgumentError, ModelFormatError, ShapeError } from "../errors.js";
import { initEnsembleParams } from "../members/params.js";
import { resolveEnsembleSpec } from "../spec/resolve.js";
import { canonicalJson } from "./canonical-json.js";
import type { ModelData } from "./model-data.js";
import { decodeModel, encodeModel, MODEL_FORMAT, MODEL_FORMAT_VERSION } from "./model-file.js";

function makeModel(): ModelData {
  const spec = resolveEnsembleSpec({ members: 3, seed: 4, bootstrap: { kind: "bernoulli", p: 0.7 } });
  const params = initEnsembleParams(spec);
  // Awkward values a lossy encoding would get wrong.
  params.trainable[0] = -0;
  params.trainable[1] = 2 ** -149;
  params.trainable[2] = Math.fround(1 / 3);
  return {
    spec,
    params,
    standardizer: { xMean: [0.25], xScale: [0.125], yMean: [-1.5], yScale: [3] },
    training: {
      backend: "matrix",
      device: "cpu",
      epochs: 10,
      examples: 100,
      trainSeconds: 0.5,
      finalLosses: [0.1, 0.2, 0.3],
      lossEvery: 1,
      meanLossHistory: [1, 0.5],
    },
    columns: { x: ["x"], y: "y" },
  };
}

/** Re-signs an edited file so that only the check under test can fail. */
function resign(file: Record<string, unknown>): string {
  const { checksum: _old, ...body } = file;
  return JSON.stringify({ ...body, checksum: `sha256:${bytesToHex(sha256(utf8ToBytes(canonicalJson(body))))}` });
}

function decodeError(text: string): ModelFormatError {
  try {
    decodeModel(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ModelFormatError);
    return error as ModelFormatError;
  }
  throw new Error("expected decodeModel to throw");
}

describe("encodeModel / decodeModel", () => {
  it("round-trips bit for bit", () => {
    const model = makeModel();
    const decoded = decodeModel(encodeModel(model));
    expect(decoded.spec).toEqual(model.spec);
    expect(new Uint32Array(decoded.params.trainable.buffer)).toEqual(new Uint32Array(model.params.trainable.buffer));
    expect(new Uint32Array(decoded.params.prior.buffer)).toEqual(new Uint32Array(model.params.prior.buffer));
    expect(Object.is(decoded.params.trainable[0], -0)).toBe(true);
    expect(decoded.standardizer).toEqual(model.standardizer);
    expect(decoded.training).toEqual(model.training);
    expect(decoded.columns).toEqual(model.columns);
  });

  it("round-trips a Gaussian-head spec with its floor and weight decay, and its two outputs per network", () => {
    const spec = resolveEnsembleSpec({ members: 2, head: "gaussian", varianceFloor: 0.01, weightDecay: 0.05 });
    const model: ModelData = {
      spec,
      params: initEnsembleParams(spec),
      standardizer: identityStandardizer(1, 1),
      training: null,
    };
    const decoded = decodeModel(encodeModel(model));
    expect(decoded.spec).toEqual(spec);
    expect(decoded.params.trainable).toEqual(model.params.trainable);
  });

  it("writes format version 2, whose spec records the head, the variance floor and the weight decay", () => {
    const file = JSON.parse(encodeModel(makeModel()));
    expect(file.formatVersion).toBe(2);
    expect(file.spec).toMatchObject({ head: "mse", varianceFloor: 1e-6, weightDecay: 0 });
  });

  it.each(["head", "varianceFloor", "weightDecay"])("refuses a version-2 file whose spec lacks %s", (key) => {
    const file = JSON.parse(encodeModel(makeModel()));
    delete file.spec[key];
    expect(decodeError(resign(file)).message).toMatch(
      new RegExp(`spec lacks ${key}, which every format version 2 file records`),
    );
  });

  describe("an input transform (format version 4)", () => {
    const transformed = (): ModelData => {
      const model = makeModel();
      const spec = resolveEnsembleSpec({ ...model.spec, inputTransform: "yeo-johnson" });
      return { ...model, spec, standardizer: { ...model.standardizer, xLambda: [0.3125] } };
    };

    it("is written as version 4 and read back with its λ", () => {
      const text = encodeModel(transformed());
      expect(JSON.parse(text).formatVersion).toBe(4);
      const decoded = decodeModel(text);
      expect(decoded.spec.inputTransform).toBe("yeo-johnson");
      expect(decoded.standardizer.xLambda).toEqual([0.3125]);
    });

    it("is refused in a file that says version 3, which predates it", () => {
      const file = JSON.parse(encodeModel(transformed()));
      file.formatVersion = 3;
      expect(decodeError(resign(file)).message).toMatch(
        /names inputTransform "yeo-johnson", which came with format version 4, but the file says version 3/,
      );
    });

    it.each([
      ["without its λ", (f: { standardizer: Record<string, unknown> }) => void delete f.standardizer.xLambda],
      [
        "with a λ outside [-3, 3]",
        (f: { standardizer: Record<string, unknown> }) => void (f.standardizer.xLambda = [7]),
      ],
      ["with one λ too many", (f: { standardizer: Record<string, unknown> }) => void (f.standardizer.xLambda = [1, 1])],
    ])("is refused %s", (_, edit) => {
      const file = JSON.parse(encodeModel(transformed()));
      edit(file);
      expect(decodeError(resign(file)).message).toMatch(
        /standardizer\.xLambda must be a list of 1 Yeo-Johnson λ from -3 to 3/,
      );
    });

    it("is not written with λs that the reader would refuse", () => {
      const model = transformed();
      expect(() => encodeModel({ ...model, standardizer: { ...model.standardizer, xLambda: [9] } })).toThrow(
        /standardizer\.xLambda must be a list of 1 Yeo-Johnson λ from -3 to 3/,
      );
      const plain = makeModel();
      expect(() => encodeModel({ ...plain, standardizer: { ...plain.standardizer, xLambda: [1] } })).toThrow(
        InvalidArgumentError,
      );
    });

    it("refuses a λ in a model without the transform", () => {
      const file = JSON.parse(encodeModel(makeModel()));
      file.standardizer.xLambda = [0.5];
      expect(decodeError(resign(file)).message).toMatch(
        /standardizer\.xLambda is only for inputTransform "yeo-johnson"/,
      );
    });
  });

  it("refuses a version-1 file whose spec names the Gaussian head (version 1 has only mse)", () => {
    const file = JSON.parse(encodeModel(makeModel()));
    file.formatVersion = 1;
    file.spec.head = "gaussian";
    expect(decodeError(resign(file)).message).toMatch(
      /names head "gaussian", but format version 1 has only the mse head/,
    );
  });

  it("round-trips an untrained model without columns", () => {
    const spec = resolveEnsembleSpec({ members: 1 });
    const model: ModelData = {
      spec,
      params: initEnsembleParams(spec),
      standardizer: identityStandardizer(1, 1),
      training: null,
    };
    const decoded = decodeModel(encodeModel(model));
    expect(decoded.training).toBeNull();
    expect(decoded).not.toHaveProperty("columns");
    expect(decoded.params).toEqual(model.params);
  });

  it("writes the format, version, producer, time and a sha256 checksum", () => {
    const file = JSON.parse(encodeModel(makeModel(), { createdAt: "2024-01-02T03:04:05.000Z", producer: "test" }));
    expect(file.format).toBe(MODEL_FORMAT);
    // The oldest version that holds it: a regression model stays readable by readers of version 2.
    expect(file.formatVersion).toBe(2);
    expect(MODEL_FORMAT_VERSION).toBe(4);
    expect(file.producer).toBe("test");
    expect(file.createdAt).toBe("2024-01-02T03:04:05.000Z");
    expect(file.checksum).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(file.params.trainable.shape).toEqual([3, 321]);
  });

  it("reads a file that an editor saved with a UTF-8 byte-order mark", () => {
    const model = makeModel();
    expect(decodeModel(`\uFEFF${encodeModel(model)}`).params).toEqual(model.params);
  });

  it("is deterministic given createdAt, and the checksum ignores key order", () => {
    const model = makeModel();
    const text = encodeModel(model, { createdAt: "t" });
    expect(encodeModel(model, { createdAt: "t" })).toBe(text);
    const file = JSON.parse(text);
    const reordered = Object.fromEntries(Object.entries(file).reverse());
    expect(decodeModel(JSON.stringify(reordered)).params).toEqual(model.params);
  });
});

describe("encodeModel rejects", () => {
  it("parameters that could not be read back, with ShapeError", () => {
    const model = makeModel();
    model.params.prior[5] = Number.NaN;
    expect(() => encodeModel(model)).toThrow(ShapeError);
    expect(() => encodeModel(model)).toThrow(/prior parameter 5 is not finite/);
    const short = makeModel();
    expect(() =>
      encodeModel({ ...short, params: { ...short.params, trainable: short.params.trainable.subarray(1) } }),
    ).toThrow(/trainable parameters must be a Float32Array of 963 values/);
  });
});

describe("decodeModel rejects", () => {
  const text = encodeModel(makeModel());

  it("text that is not JSON", () => {
    expect(decodeError("not json").message).toMatch(/not valid JSON/);
  });

  it("truncated text", () => {
    expect(decodeError(text.slice(0, text.length / 2)).message).toMatch(/not valid JSON; it may be truncated/);
  });

  it("JSON that is not an object", () => {
    expect(decodeError("[1, 2]").message).toMatch(/not an object/);
    expect(decodeError("null").message).toMatch(/not an object/);
  });

  it("a file of another format", () => {
    const file = JSON.parse(text);
    file.format = "onnx";
    expect(decodeError(JSON.stringify(file)).message).toMatch(/not an rpf model \(format is "onnx"\)/);
  });

  it("a newer format version, saying to upgrade", () => {
    const file = JSON.parse(text);
    file.formatVersion = MODEL_FORMAT_VERSION + 1;
    const error = decodeError(JSON.stringify(file));
    expect(error.message).toMatch(/format version 5; this rpf reads versions up to 4: upgrade rpf/);
  });

  it.each([0, 1.5, "1", null])("formatVersion %j", (version) => {
    const file = JSON.parse(text);
    file.formatVersion = version;
    expect(decodeError(JSON.stringify(file)).message).toMatch(/formatVersion .* is not a positive integer/);
  });

  it("a changed weight byte (checksum mismatch)", () => {
    const file = JSON.parse(text);
    const data: string = file.params.prior.data;
    const i = 40;
    file.params.prior.data = `${data.slice(0, i)}${data[i] === "A" ? "B" : "A"}${data.slice(i + 1)}`;
    expect(decodeError(JSON.stringify(file)).message).toMatch(/checksum does not match/);
  });

  it("a changed spec field (checksum mismatch)", () => {
    const file = JSON.parse(text);
    file.spec.priorScale = 4;
    expect(decodeError(JSON.stringify(file)).message).toMatch(/checksum does not match/);
  });

  it("a missing checksum", () => {
    const file = JSON.parse(text);
    delete file.checksum;
    expect(decodeError(JSON.stringify(file)).message).toBe(
      "the model's checksum field is missing; rpf writes one into every model file, so this one was not written by rpf or was edited",
    );
  });

  it("a parameter tensor of the wrong shape", () => {
    const file = JSON.parse(text);
    file.params.trainable.shape = [3, 320];
    expect(decodeError(resign(file)).message).toMatch(/params\.trainable must be float32 of shape \[3, 321\]/);
  });

  it("a parameter tensor with the wrong number of bytes", () => {
    const file = JSON.parse(text);
    file.params.prior.data = file.params.prior.data.slice(8);
    expect(decodeError(resign(file)).message).toMatch(/params\.prior holds the wrong number of bytes/);
  });

  it("a tensor of another dtype", () => {
    const file = JSON.parse(text);
    file.params.prior.dtype = "float64";
    expect(decodeError(resign(file)).message).toMatch(/params\.prior must be float32/);
  });

  it("non-finite parameters", () => {
    const file = JSON.parse(text);
    const prior = new Float32Array(Buffer.from(file.params.prior.data, "base64").buffer.slice(0));
    prior[5] = Number.NaN;
    file.params.prior.data = Buffer.from(prior.buffer).toString("base64");
    expect(decodeError(resign(file)).message).toMatch(/parameters are invalid: prior parameter 5 is not finite/);
  });

  it("an invalid spec, with the spec's own message", () => {
    const file = JSON.parse(text);
    file.spec.members = 0;
    expect(decodeError(resign(file)).message).toMatch(/the model's spec is invalid: members must be an integer/);
  });

  it("a standardizer of the wrong width", () => {
    const file = JSON.parse(text);
    file.standardizer.xMean = [0, 1];
    expect(decodeError(resign(file)).message).toMatch(
      /standardizer\.xMean must be a list of 1 finite number within the float32 range \(±3\.4028235e38\), got \[0,1\]/,
    );
  });

  it("JSON nested far deeper than a model, before quoting or checksumming it", () => {
    const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    const file = JSON.parse(text);
    for (const field of ["format", "extra"]) {
      const edited = JSON.stringify({ ...file, [field]: "DEEP" }).replace('"DEEP"', deep);
      expect(decodeError(edited).message).toMatch(/nests JSON more than 64 levels deep/);
    }
  });

  it("a huge field, quoted only in part", () => {
    const file = JSON.parse(text);
    file.format = "x".repeat(1_000_000);
    const { message } = decodeError(JSON.stringify(file));
    expect(message).toMatch(/format is "x{59}… \(1000002 characters\)\)$/);
  });

  it("a zero scale in the standardizer, which prediction would divide by", () => {
    const file = JSON.parse(text);
    file.standardizer.xScale = [0];
    expect(decodeError(resign(file)).message).toMatch(/standardizer\.xScale must be a list of 1 finite number > 0/);
  });

  it("column names that do not fit the spec", () => {
    const file = JSON.parse(text);
    file.columns = { x: ["a", "b"], y: "c" };
    expect(decodeError(resign(file)).message).toMatch(/columns\.x must be a list of 1 column name/);
  });

  it("a training report of the wrong type", () => {
    const file = JSON.parse(text);
    file.training = "yes";
    expect(decodeError(resign(file)).message).toMatch(/training must be an object, got "yes"/);
  });

  it("a missing params section", () => {
    const file = JSON.parse(text);
    delete file.params;
    expect(decodeError(resign(file)).message).toMatch(/params is missing or not an object/);
  });
});
