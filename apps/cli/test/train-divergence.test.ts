import { describe, expect, it } from "vitest";
import { expectOneLineError, listDir, runCli, tempDir } from "./run-cli.js";

describe("rpf train when the loss diverges", () => {
  it("stops with one line naming the member and epoch, and writes no model", async () => {
    const dir = await tempDir();
    const result = await runCli(
      [
        "train",
        "--members",
        "3",
        "--epochs",
        "200",
        "--optimizer",
        "sgd",
        "--lr",
        "1e12",
        "--quiet",
        "--out",
        "model.json",
      ],
      dir,
    );
    expectOneLineError(
      result,
      1,
      /training diverged: member \d had a non-finite loss in epoch \d+; try a smaller learning rate/,
    );
    expect(await listDir(dir)).toEqual([]);
  });
});
