import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { expectOneLineError, runCli, tempDir, trainSmallModel } from "./run-cli.js";

describe("rpf train --clip-norm", () => {
  it("stores the clipping norm in the model's spec, and clipping changes training", async () => {
    const dir = await tempDir();
    const clipped = JSON.parse(
      await readFile(await trainSmallModel(dir, "clipped.json", ["--clip-norm", "0.01"]), "utf8"),
    );
    const free = JSON.parse(await readFile(await trainSmallModel(dir, "free.json"), "utf8"));
    expect(clipped.spec.optimizer.clipNorm).toBe(0.01);
    expect(free.spec.optimizer.clipNorm).toBeNull();
    expect(clipped.params.trainable.data).not.toBe(free.params.trainable.data);
  });

  it.each(["0", "-1", "inf", "x"])("refuses --clip-norm %s", async (value) => {
    const dir = await tempDir();
    expectOneLineError(await runCli(["train", "--clip-norm", value], dir), 2, "expected a finite number > 0");
  });
});
