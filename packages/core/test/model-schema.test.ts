import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { decodeModel } from "../src/io/model-file.js";
import { modelFileJsonSchema } from "../src/io/model-file-schema.js";

const ROOT = join(import.meta.dirname, "../../..");
const COMMITTED_SCHEMA = join(ROOT, "docs/model.schema.json");

/** Every committed JSON file that calls itself an rpf model, valid or deliberately broken. */
function committedModelFixtures(): { path: string; text: string }[] {
  const paths = execFileSync("git", ["ls-files", "*.json"], { cwd: ROOT, encoding: "utf8" }).split("\n");
  return paths
    .filter((path) => path !== "" && path !== "docs/model.schema.json")
    .map((path) => ({ path, text: readFileSync(join(ROOT, path), "utf8") }))
    .filter(({ text }) => text.includes('"rpf-model"'));
}

/**
 * Corpus files decodeModel refuses for what a JSON Schema cannot state (the checksum, bytes
 * against shapes, widths against the spec, unparseable JSON): the schema accepts their structure.
 */
const BEYOND_SCHEMA = new Set([
  // The schema cannot tie `classes` to the head: decodeModel requires them of a categorical model.
  "apps/cli/test/fixtures/corpus/model/categorical-without-classes.json",
  "apps/cli/test/fixtures/corpus/model/checksum-mismatch.json",
  "apps/cli/test/fixtures/corpus/model/columns-do-not-fit.json",
  "apps/cli/test/fixtures/corpus/model/nan-weight.json",
  "apps/cli/test/fixtures/corpus/model/params-base64-too-short.json",
  "apps/cli/test/fixtures/corpus/model/spec-largest-valid-without-weights.json",
]);

function parse(text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    return undefined;
  }
}

function decodes(text: string): boolean {
  try {
    decodeModel(text);
    return true;
  } catch {
    return false;
  }
}

const validate = new Ajv2020({ allErrors: true }).compile(JSON.parse(readFileSync(COMMITTED_SCHEMA, "utf8")));

describe("docs/model.schema.json", () => {
  it("is what the spec schema generates now (run `pnpm model-schema` after changing the spec)", () => {
    expect(JSON.parse(readFileSync(COMMITTED_SCHEMA, "utf8"))).toEqual(modelFileJsonSchema());
  });

  const fixtures = committedModelFixtures();

  it("finds the committed model fixtures", () => {
    expect(fixtures.map((f) => f.path)).toEqual(
      expect.arrayContaining([
        "apps/cli/test/fixtures/corpus/model/valid.json",
        "packages/core/test/fixtures/model-format-v1.json",
        "packages/core/test/fixtures/model-format-v2.json",
      ]),
    );
  });

  it.each(fixtures.map((f) => [f.path, f.text]))(
    "judges %s as decodeModel does, up to what JSON Schema can state",
    (path, text) => {
      const json = parse(text);
      const accepted = json !== undefined && validate(json);
      if (decodes(text)) expect(validate.errors ?? []).toEqual([]);
      else expect(accepted).toBe(BEYOND_SCHEMA.has(path));
    },
  );

  const valid = parse(readFileSync(join(ROOT, "packages/core/test/fixtures/model-format-v2.json"), "utf8")) as {
    spec: Record<string, unknown>;
  } & Record<string, unknown>;
  const edit = (change: (file: typeof valid) => void) => {
    const copy = structuredClone(valid);
    change(copy);
    return copy;
  };

  it.each([
    ["members: -1", edit((f) => (f.spec.members = -1))],
    ["members beyond the cap", edit((f) => (f.spec.members = 1025))],
    ["an unknown head", edit((f) => (f.spec.head = "laplace"))],
    ["a version-2 spec without its head", edit((f) => delete f.spec.head)],
    ["a negative prior scale", edit((f) => (f.spec.priorScale = -3))],
    ["an unknown optimiser", edit((f) => (f.spec.optimizer = { kind: "rmsprop", learningRate: 0.1 }))],
    [
      "17 hidden layers",
      edit((f) => (f.spec.trainable = { ...(f.spec.trainable as object), hiddenSizes: new Array(17).fill(2) })),
    ],
    ["an unknown field", edit((f) => (f.spec.temperature = 1))],
    ["another format", edit((f) => (f.format = "rpf-checkpoint"))],
    ["the categorical head in version 2", edit((f) => (f.spec.head = "categorical"))],
    ["classes in version 2", edit((f) => (f.classes = ["a", "b"]))],
  ])("rejects a model file edited to have %s", (_label, file) => {
    expect(validate(valid)).toBe(true);
    expect(validate(file)).toBe(false);
  });
});
