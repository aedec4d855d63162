import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "./run-cli.js";

describe("rpf train progress", () => {
  it("is plain lines on stderr when stderr is not a terminal", async () => {
    const dir = await tempDir();
    const result = await runCli(["train", "--members", "2", "--epochs", "20", "--out", "model.json"], dir);
    expect(result.code).toBe(0);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for terminal escape codes
    expect(result.stderr).not.toMatch(/[\u001b\r]/);
    const lines = result.stderr.trimEnd().split("\n");
    expect(lines[0]).toBe("data: toy data (100 points, seed 0)");
    const progress = lines.slice(1);
    expect(progress.length).toBeGreaterThanOrEqual(2);
    for (const line of progress)
      expect(line).toMatch(/^training 2 members on matrix:cpu: epoch \d+\/20 loss \S+ elapsed \d+\.\ds eta \d+\.\ds$/);
    expect(progress.at(-1)).toContain("epoch 20/20");
    expect(result.stdout).toMatch(/^trained 2 members × 20 epochs in .+; saved model\.json\n$/);
  });
});
