import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectOneLineError, listDir, runCli, runCliBytes, tempDir, trainSmallModel } from "./run-cli.js";

const CSV = "a,b,y\n0,1,0.5\n1,0,1.5\n2,2,2.5\n3,1,3.5\n4,0,4.5\n5,2,5.5\n";

describe('"-" is stdin for --data, --input and --model, stdout for --out', () => {
  it("train -o - writes the model to stdout, the summary to stderr, and no file named -", async () => {
    const dir = await tempDir();
    const result = await runCli(["train", "--members", "2", "--epochs", "20", "-o", "-"], dir);
    expect(result.code).toBe(0);
    const model = JSON.parse(result.stdout) as { format: string; spec: { members: number } };
    expect(model.format).toBe("rpf-model");
    expect(model.spec.members).toBe(2);
    expect(result.stderr).toMatch(/trained 2 members .* saved stdout\n$/);
    expect(await listDir(dir)).toEqual([]);
  });

  it("train --data - reads the CSV from stdin", async () => {
    const dir = await tempDir();
    const result = await runCli(
      ["train", "--data", "-", "--members", "2", "--epochs", "10", "--quiet", "--out", "m.json"],
      dir,
      { input: CSV },
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const model = JSON.parse(await readFile(join(dir, "m.json"), "utf8")) as { columns: { x: string[]; y: string } };
    expect(model.columns).toEqual({ x: ["a", "b"], y: "y" });
  });

  it("train --data - names stdin in its errors", async () => {
    const dir = await tempDir();
    expectOneLineError(await runCli(["train", "--data", "-", "--out", "m.json"], dir, { input: "" }), 1, "stdin");
    expect(await listDir(dir)).toEqual([]);
  });

  it("predict --model - reads the model from stdin and -o - writes to stdout", async () => {
    const dir = await tempDir();
    const modelPath = await trainSmallModel(dir);
    const fromFile = await runCli(["predict", "--model", "model.json", "--x", "-1:1:5"], dir);
    const fromStdin = await runCli(["predict", "--model", "-", "--x", "-1:1:5", "-o", "-"], dir, {
      input: await readFile(modelPath),
    });
    expect(fromStdin.stderr).toBe("");
    expect(fromStdin.code).toBe(0);
    expect(fromStdin.stdout).toBe(fromFile.stdout);
    expect(await listDir(dir)).toEqual(["model.json"]);
  });

  it("predict --input - reads the inputs from stdin", async () => {
    const dir = await tempDir();
    const trained = await runCli(
      ["train", "--data", "-", "--members", "2", "--epochs", "10", "-q", "-o", "model.json"],
      dir,
      { input: CSV },
    );
    expect(trained.code).toBe(0);
    const result = await runCli(["predict", "--model", "model.json", "--input", "-"], dir, {
      input: "a,b\n0,1\n2,2\n",
    });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n")[0]).toBe("a,b,mean,std,lower,upper");
    expect(result.stdout.trim().split("\n")).toHaveLength(3);
  });

  it("export --model - -o - turns an rpf model on stdin into ONNX on stdout, which predict reads back", async () => {
    const dir = await tempDir();
    const modelPath = await trainSmallModel(dir);
    const exported = await runCliBytes(["export", "--model", "-", "-o", "-"], dir, {
      input: await readFile(modelPath),
    });
    expect(exported.code).toBe(0);
    expect(exported.stderr).toBe("exported stdin (2 members) to stdout as onnx\n");
    expect(exported.stdout[0]).toBe(0x08);
    const viaOnnx = await runCli(["predict", "--model", "-", "--x", "-1:1:3", "--format", "json"], dir, {
      input: exported.stdout,
    });
    expect(viaOnnx.code).toBe(0);
    expect((JSON.parse(viaOnnx.stdout) as { mean: number[] }).mean).toHaveLength(3);
    expect(await listDir(dir)).toEqual(["model.json"]);
  });
});

describe('"-" is refused where it cannot work, before anything is read or written', () => {
  it.each([
    [["predict", "--model", "-", "--input", "-"], "--model - and --input - both read stdin"],
    [["train", "-o", "-", "--json"], "--out - and --json both write to stdout"],
    [["train", "-o", "-", "--checkpoint-every", "5"], "--checkpoint-every with --out - (stdout) needs --checkpoint"],
    [["train", "--checkpoint-every", "5", "--checkpoint", "-"], "cannot hold a checkpoint"],
    [["train", "--resume", "-"], "cannot hold a checkpoint"],
    [["reproduce", "-o", "-"], "expected a folder; - (stdout) cannot hold several files"],
  ])("rpf %j", async (args, message) => {
    const dir = await tempDir();
    const result = await runCli(args, dir, { input: "x,y\n1,2\n" });
    if (args.includes("--json")) {
      // With --json the one line is the serialized error.
      expect(result.code).toBe(2);
      expect((JSON.parse(result.stderr) as { message: string }).message).toContain(message);
    } else expectOneLineError(result, 2, message);
    expect(await listDir(dir)).toEqual([]);
  });
});
