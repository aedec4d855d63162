import { describe, expect, it } from "vitest";
import { expectOneLineError, listDir, runCli, tempDir } from "./run-cli.js";

/** Bad option values and unknown names are usage errors: exit 2, one line naming the option, nothing written. */
const cases = [
  { name: "--members 0", args: ["--members", "0"], mentions: ["--members", '"0"'] },
  { name: "--members -3", args: ["--members", "-3"], mentions: ["--members", '"-3"'] },
  { name: "--members abc", args: ["--members", "abc"], mentions: ["--members", '"abc"'] },
  { name: "--epochs -1", args: ["--epochs", "-1"], mentions: ["--epochs", '"-1"'] },
  { name: "--lr 0", args: ["--lr", "0"], mentions: ["--lr", "> 0"] },
  { name: "--lr nan", args: ["--lr", "nan"], mentions: ["--lr", '"nan"'] },
  { name: "an unknown backend", args: ["--backend", "nope"], mentions: ['"nope"', "matrix"] },
  { name: "an unknown activation", args: ["--activation", "swish"], mentions: ["--activation", "swish", "elu"] },
  { name: "an unknown bootstrap", args: ["--bootstrap", "sometimes"], mentions: ['"sometimes"', "resample"] },
  { name: "--bootstrap bernoulli:2", args: ["--bootstrap", "bernoulli:2"], mentions: ["bernoulli", "(0, 1]", "2"] },
  { name: "an unknown option", args: ["--frobnicate"], mentions: ["unknown option '--frobnicate'"] },
  { name: "a misspelt option", args: ["--member", "2"], mentions: ["unknown option '--member'", "--members"] },
];

describe("rpf train refuses bad options", () => {
  it.each(cases)("$name", async ({ args, mentions }) => {
    const dir = await tempDir();
    const result = await runCli(["train", "--epochs", "20", ...args, "--out", "model.json"], dir);
    expectOneLineError(result, 2, ...mentions);
    expect(await listDir(dir)).toEqual([]);
  });
});
