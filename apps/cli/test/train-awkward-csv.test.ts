import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "./run-cli.js";

const rows = ["x,y", "-0.5,0.25", "0,0", "0.25,0.0625", "0.5,0.25"];

/** Valid CSVs as spreadsheets and other tools write them; written inline so the odd bytes stay visible. */
const cases = [
  { name: "a UTF-8 byte order mark", text: `\uFEFF${rows.join("\n")}\n` },
  { name: "CRLF line ends", text: `${rows.join("\r\n")}\r\n` },
  { name: "quoted numbers and names", text: `"x","y"\n"-0.5","0.25"\n0,"0"\n"0.25",0.0625\n0.5,"2.5e-1"\n` },
  { name: "a trailing blank line", text: `${rows.join("\n")}\n\n` },
];

describe("rpf train accepts awkward but valid CSVs", () => {
  it.each(cases)("$name", async ({ text }) => {
    const dir = await tempDir();
    await writeFile(join(dir, "data.csv"), text);
    const trained = await runCli(
      ["train", "--data", "data.csv", "--members", "2", "--epochs", "20", "--quiet", "--out", "model.json"],
      dir,
    );
    expect(trained.stderr).toBe("");
    expect(trained.code).toBe(0);
    const model = JSON.parse(await readFile(join(dir, "model.json"), "utf8"));
    expect(model.training.examples).toBe(4);
    expect(model.columns).toEqual({ x: ["x"], y: "y" });

    const predicted = await runCli(["predict", "--model", "model.json", "--x=0:0.5:3"], dir);
    expect(predicted.stderr).toBe("");
    expect(predicted.code).toBe(0);
    const lines = predicted.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("x,mean,std,lower,upper");
    expect(lines.slice(1).map((line) => line.split(",").map(Number).every(Number.isFinite))).toEqual([
      true,
      true,
      true,
    ]);
  });
});
