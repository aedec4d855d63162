import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { tempDir, trainSmallModel } from "./run-cli.js";

/** The model file without the fields that legitimately differ between two identical runs. */
async function reproducibleContents(path: string) {
  const model = JSON.parse(await readFile(path, "utf8"));
  expect(model).toHaveProperty("createdAt");
  expect(model).toHaveProperty("training.trainSeconds");
  expect(model).toHaveProperty("checksum");
  delete model.createdAt;
  delete model.training.trainSeconds;
  delete model.checksum;
  return model;
}

describe("rpf train is reproducible", () => {
  it("the same seed twice gives the same model file, apart from time stamps and checksum", async () => {
    const dir = await tempDir();
    const first = await reproducibleContents(await trainSmallModel(dir, "first.json", ["--seed", "7"]));
    const second = await reproducibleContents(await trainSmallModel(dir, "second.json", ["--seed", "7"]));
    expect(second).toEqual(first);
    expect(second.params.trainable.data).toBe(first.params.trainable.data);
    expect(second.params.prior.data).toBe(first.params.prior.data);
  });

  it("a different seed gives different weights", async () => {
    const dir = await tempDir();
    const first = await reproducibleContents(await trainSmallModel(dir, "first.json", ["--seed", "7"]));
    const other = await reproducibleContents(await trainSmallModel(dir, "other.json", ["--seed", "8"]));
    expect(other.params.trainable.data).not.toBe(first.params.trainable.data);
    expect(other.params.prior.data).not.toBe(first.params.prior.data);
  });
});
